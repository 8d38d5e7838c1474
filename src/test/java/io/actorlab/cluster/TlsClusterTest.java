package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import io.actorlab.api.ActorLab;
import io.actorlab.api.Square;
import io.actorlab.api.WorkerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on Pekko's TLS transport ({@code tls-tcp}), configured as docs/cluster.md tells users: a
 * {@code --conf} file setting {@code actorlab.cluster.pekko.remote.artery}, with key stores made by
 * {@code keytool} here. Two nodes with the cluster's key pair, whose certificate is in the trust store,
 * form a cluster; a third, started at the same time with the same trust store but a key pair of its
 * own, never becomes a member: the cluster's nodes refuse its certificate in the TLS handshake. A run
 * given the same file attaches to the cluster and gets its results.
 *
 * <p>Each node is {@code actorlab node} in a JVM of its own, so the test proves that actorlab's own
 * start path passes the TLS keys through. Skipped, saying why, when the JDK has no {@code keytool}.
 */
@ExtendWith(LogCapturingExtension.class)
class TlsClusterTest {

  private static final Duration WITHIN = Duration.ofSeconds(45);
  private static final Duration ASK = Duration.ofSeconds(3);

  /** How long the untrusted node has, after the trusted one is Up, to show it cannot join. */
  private static final Duration ROGUE_WINDOW = Duration.ofSeconds(3);

  /** A test key store's password; real ones come from the environment, as docs/cluster.md shows. */
  private static final String PASSWORD = "actorlab-test";

  @TempDir Path temp;

  @RegisterExtension final NodeProcesses nodes = new NodeProcesses();

  private Path keytool;

  @BeforeEach
  void findKeytool() {
    keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(
        Files.isExecutable(keytool),
        "skipped: this JDK has no keytool at " + keytool + " to make the key stores with");
  }

  @Test
  void onlyNodesWithATrustedCertificateJoin() throws Exception {
    // The cluster's key pair, its certificate in the trust store; and a stranger's key pair, whose
    // node trusts the cluster but is not trusted by it. keytool runs as the docs show it.
    Path trust = temp.resolve("trust.p12");
    Path certificate = temp.resolve("cluster.crt");
    keytool(keyPair("cluster"), keyPair("rogue"));
    keytool(List.of("-exportcert", "-alias", "cluster", "-keystore", store("cluster"),
        "-storepass", PASSWORD, "-rfc", "-file", certificate.toString()));
    keytool(List.of("-importcert", "-noprompt", "-alias", "cluster", "-file", certificate.toString(),
        "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));

    int port = NodeProcess.freePort();
    String seed = "127.0.0.1:" + port;
    NodeProcess a = node("a", "cluster", trust, "--port", String.valueOf(port), "--seed", seed);
    NodeProcess b = node("b", "cluster", trust, "--seed", seed);
    NodeProcess rogue = node("rogue", "rogue", trust, "--seed", seed);
    String addressA = a.awaitUp(WITHIN);
    String addressB = b.awaitUp(WITHIN);
    String addressRogue = rogue.awaitUp(WITHIN);

    try (MembershipClient client = MembershipClient.start(tlsConfig("cluster", trust), "127.0.0.1")) {
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (!upMembers(client, addressA).containsAll(Set.of(addressA, addressB))) {
        assertTrue(
            System.nanoTime() < deadline,
            "nodes a and b formed no cluster over TLS within " + WITHIN);
        Thread.sleep(200);
      }
      long rogueDeadline = System.nanoTime() + ROGUE_WINDOW.toNanos();
      while (System.nanoTime() < rogueDeadline) {
        for (String address : List.of(addressA, addressB)) {
          assertTrue(
              members(client, address).stream()
                  .noneMatch(member -> member.address().equals(addressRogue)),
              "the node without a trusted certificate became a member");
        }
        Thread.sleep(250);
      }
      assertTrue(rogue.isAlive(), "the untrusted node keeps trying");
    }
    // It was the certificate: the cluster's node refused the untrusted one in the TLS handshake.
    rogue.awaitLog("SSLHandshakeException: Received fatal alert: bad_certificate", WITHIN);

    // A run with the same file attaches to the cluster over TLS and gets its results.
    try (WorkerPool pool =
        ActorLab.mode("processes")
            .workers(1)
            .configFile(tlsFile("cluster", trust))
            .set("actorlab.cluster.seed-nodes", List.of(addressA))
            .start()) {
      assertEquals(List.of(1L, 4L, 9L), pool.map(new Square(), List.of(1, 2, 3)));
    }
  }

  private static Set<String> upMembers(MembershipClient client, String node) {
    return members(client, node).stream()
        .filter(member -> member.status().equals("Up"))
        .map(ClusterMonitor.MemberInfo::address)
        .collect(Collectors.toSet());
  }

  /** The members {@code node} sees; none while it does not answer (TLS handshakes take a while). */
  private static List<ClusterMonitor.MemberInfo> members(MembershipClient client, String node) {
    try {
      return client.members(node, ASK).members();
    } catch (IllegalStateException unanswered) {
      return List.of();
    }
  }

  /** {@code actorlab node} with the TLS settings of key store {@code keys}, as a user starts one. */
  private NodeProcess node(String name, String keys, Path trust, String... args) throws IOException {
    List<String> nodeArgs = new ArrayList<>(List.of("--conf", tlsFile(keys, trust).toString()));
    nodeArgs.addAll(List.of(args));
    return nodes.start(temp.resolve(name + ".log"), List.of(), nodeArgs);
  }

  /** The configuration a node or client with {@code name}'s key store runs with. */
  private Config tlsConfig(String name, Path trust) throws IOException {
    return ActorLab.mode("processes").configFile(tlsFile(name, trust)).config();
  }

  /** The block of docs/cluster.md, with this test's key stores. */
  private Path tlsFile(String name, Path trust) throws IOException {
    Path file = temp.resolve(name + ".conf");
    if (!Files.exists(file)) {
      Files.writeString(
          file,
          """
          actorlab.cluster.pekko.remote.artery {
            transport = tls-tcp
            ssl.config-ssl-engine {
              key-store = "%s"
              key-store-password = "%s"
              key-password = "%s"
              trust-store = "%s"
              trust-store-password = "%s"
            }
          }
          """
              .formatted(store(name), PASSWORD, PASSWORD, trust, PASSWORD),
          StandardCharsets.UTF_8);
    }
    return file;
  }

  private String store(String name) {
    return temp.resolve(name + ".p12").toString();
  }

  /** keytool's arguments for a new key pair with a self-signed certificate in {@code name}.p12. */
  private List<String> keyPair(String name) {
    return List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-validity", "2",
        "-dname", "CN=" + name + ", O=actorlab test", "-keystore", store(name),
        "-storetype", "PKCS12", "-storepass", PASSWORD);
  }

  /** Runs keytool once per argument list, all at once, and checks that each succeeded. */
  @SafeVarargs
  private void keytool(List<String>... runs) throws Exception {
    List<Process> started = new ArrayList<>();
    try {
      for (List<String> args : runs) {
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(args);
        started.add(new ProcessBuilder(command).redirectErrorStream(true).start());
      }
      for (int i = 0; i < runs.length; i++) {
        Process process = started.get(i);
        String run = "keytool " + String.join(" ", runs[i]);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), () -> run + " did not finish within 30 s");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> run + "\n" + output);
      }
    } finally {
      for (Process process : started) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
