package io.actorlab.serialization;

/**
 * Marks a message that crosses the boundary to measure a run rather than to do its work (asking a node
 * for its figures): the {@link BoundaryMeter} leaves it out, so measuring does not change what is
 * measured.
 */
public interface Unmetered extends CrossesBoundary {}
