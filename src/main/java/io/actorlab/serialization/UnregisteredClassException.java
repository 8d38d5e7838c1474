package io.actorlab.serialization;

import com.esotericsoftware.kryo.KryoException;

/**
 * Kryo met a class that is not registered. A {@link KryoException} so that Kryo's serializers add the
 * field path on the way up; it keeps the class itself, which Kryo's own exception only names in prose.
 */
final class UnregisteredClassException extends KryoException {

  private final Class<?> type;

  UnregisteredClassException(Class<?> type) {
    super("class " + type.getName() + " is not registered");
    this.type = type;
  }

  Class<?> type() {
    return type;
  }
}
