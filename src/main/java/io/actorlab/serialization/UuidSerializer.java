package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.UUID;

/** A UUID as its two longs: 16 bytes, no reflection into {@code java.util}. */
final class UuidSerializer extends Serializer<UUID> {

  UuidSerializer() {
    super(false, true);
  }

  @Override
  public void write(Kryo kryo, Output output, UUID uuid) {
    output.writeLong(uuid.getMostSignificantBits());
    output.writeLong(uuid.getLeastSignificantBits());
  }

  @Override
  public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
    return new UUID(input.readLong(), input.readLong());
  }
}
