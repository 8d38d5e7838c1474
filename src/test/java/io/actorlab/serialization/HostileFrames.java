package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.ExtendedActorSystem;

/**
 * Builds frames a hostile or broken peer could send in place of actorlab's Kryo bytes: an unregistered
 * class id, a class name, a few bytes declaring a huge length, nesting deeper than {@code max-depth}.
 * Class ids come from the same registrations {@link KryoSerializer} uses, so each frame reaches the
 * limit it aims at. Used directly against the serializer ({@link HostileFrameTest}) and sent over a
 * socket to a running node ({@code io.actorlab.cluster.CraftedFrameTest}).
 */
public final class HostileFrames {

  /** A declared element count no frame here could hold: 2^30. */
  public static final int HUGE = 1 << 30;

  /** A class id far beyond any registration. */
  public static final int UNREGISTERED_ID = 500;

  private final Kryo kryo;

  private HostileFrames(Kryo kryo) {
    this.kryo = kryo;
  }

  /** Frames with the ids of the registrations in {@code system}'s {@code actorlab.serialization}. */
  public static HostileFrames of(ExtendedActorSystem system) {
    SerializationSettings settings = SerializationSettings.create(system.settings().config());
    return new HostileFrames(new ClassRegistry(settings, system).newKryo());
  }

  /** The id Kryo gave {@code type} in these registrations. */
  int idOf(Class<?> type) {
    return kryo.getRegistration(type).getId();
  }

  /** The first byte(s) of a frame holding a {@code type}: its registered id, as Kryo writes it. */
  public Consumer<Output> classOf(Class<?> type) {
    return varInt(idOf(type) + 2);
  }

  /** The bytes {@code parts} write, one after another. */
  public static byte[] frame(List<Consumer<Output>> parts) {
    Output out = new Output(64, -1);
    parts.forEach(part -> part.accept(out));
    return out.toBytes();
  }

  /** A positive variable-length int, as Kryo writes ids and lengths. */
  public static Consumer<Output> varInt(int value) {
    return out -> out.writeVarInt(value, true);
  }

  /** A frame naming class id {@link #UNREGISTERED_ID}, then an empty body. */
  public static byte[] unregisteredClassId() {
    return frame(List.of(varInt(UNREGISTERED_ID + 2), varInt(0)));
  }

  /**
   * A frame that names its class instead of giving an id: Kryo's marker for "a class name follows" is id
   * 1 on the wire, then a name id and the name.
   */
  public static byte[] className(String name) {
    return frame(List.of(varInt(1), varInt(0), out -> out.writeString(name)));
  }

  /**
   * A frame of a registered array type declaring {@link #HUGE} elements in a few bytes. Kryo's
   * primitive array serializers write length + 1 (0 is null).
   */
  public byte[] hugeArray(Class<?> arrayType) {
    return frame(List.of(classOf(arrayType), varInt(HUGE + 1)));
  }

  /** ArrayLists each holding the next, {@code levels} deep, ending in null. */
  public byte[] nestedLists(int levels) {
    List<Consumer<Output>> parts = new ArrayList<>();
    for (int level = 0; level < levels; level++) {
      parts.add(classOf(ArrayList.class));
      parts.add(varInt(1));
    }
    parts.add(varInt(Kryo.NULL));
    return frame(parts);
  }
}
