package io.actorlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * A typed {@link ActorRef} as its path string, the same form Pekko's own serializers use, resolved
 * back to a ref on read (a remote ref when the path names another node).
 *
 * <p>The resolver is looked up on first use: Pekko creates serializers while the actor system is
 * still starting, before the typed extensions can be reached.
 */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;

  ActorRefSerializer(ExtendedActorSystem system) {
    super(false, true);
    this.system = system;
  }

  @Override
  public void write(Kryo kryo, Output output, ActorRef<?> ref) {
    output.writeString(resolver().toSerializationFormat(ref));
  }

  @Override
  public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
    return resolver().resolveActorRef(input.readString());
  }

  private ActorRefResolver resolver() {
    ActorRefResolver current = resolver;
    if (current == null) {
      current = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = current;
    }
    return current;
  }
}
