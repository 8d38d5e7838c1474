package io.actorlab.samples.boundarycost;

/**
 * The record whose encodings part 2 compares: a sensor's readings. Registered for Kryo in
 * boundary-cost.conf.
 *
 * @param sensor the sensor's number
 * @param location where it is
 * @param timestamp when it was read, in epoch milliseconds
 * @param values what it read
 */
public record Reading(int sensor, String location, long timestamp, double[] values) {}
