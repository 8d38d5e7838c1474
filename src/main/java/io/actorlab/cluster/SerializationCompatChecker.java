package io.actorlab.cluster;

import com.typesafe.config.Config;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses a node whose wire settings differ from the cluster's when it joins. Kryo writes a class as its
 * registration id, given in the order of {@code actorlab.serialization.builtin} and {@code register}, so
 * two nodes with different lists would read each other's messages as the wrong classes; and a node with
 * a different message size limit would accept what the other drops. Pekko runs this check on join
 * (enabled in reference.conf) and shuts the refused node down, logging the keys that differ.
 */
public final class SerializationCompatChecker extends JoinConfigCompatChecker {

  /** The keys every node of a cluster must agree on. */
  public static final List<String> KEYS =
      List.of(
          "actorlab.serialization.builtin",
          "actorlab.serialization.register",
          "actorlab.serialization.max-message-bytes");

  @Override
  public Seq<String> requiredKeys() {
    return CollectionConverters.asScala(KEYS).toList();
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actualConfig) {
    return JoinConfigCompatChecker.fullMatch(requiredKeys(), toCheck, actualConfig);
  }
}
