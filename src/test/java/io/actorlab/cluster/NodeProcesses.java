package io.actorlab.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The {@link NodeProcess}es a test starts, as a JUnit extension: when the test fails, the output of
 * every node is attached to the failure; after each test every node is killed and the test fails if
 * any process it started is still running.
 *
 * <pre>{@code @RegisterExtension final NodeProcesses nodes = new NodeProcesses();}</pre>
 */
final class NodeProcesses implements TestExecutionExceptionHandler, AfterEachCallback {

  private final List<NodeProcess> started = new ArrayList<>();

  /** Starts a node; see {@link NodeProcess#start}. */
  NodeProcess start(Path log, List<String> jvmOptions, List<String> nodeArgs) throws IOException {
    NodeProcess node = NodeProcess.start(log, jvmOptions, nodeArgs);
    started.add(node);
    return node;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    for (NodeProcess node : started) {
      failure.addSuppressed(new NodeOutput(node));
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (NodeProcess node : started) {
      node.close();
    }
    started.clear();
    Descendants.assertNoneLeft();
  }

  /** A node's output, shown with the failure it helps explain. */
  private static final class NodeOutput extends Exception {
    NodeOutput(NodeProcess node) {
      super("output of " + node + ":\n" + node.log(), null, false, false);
    }
  }
}
