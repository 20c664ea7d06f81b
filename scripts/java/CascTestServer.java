// Launcher for Temporal's Java time-skipping test server that can also start its clock at a chosen
// instant (--initial-time 2026-08-03T00:00:00Z). The stock main() accepts only
// `<port> [--enable-time-skipping]` and always starts at the wall clock, which would make a
// scenario that begins in the past impossible to simulate.
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

public final class CascTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: temporal-test-server <port> [--enable-time-skipping] [--initial-time ISO-8601]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    boolean timeSkipping = false;
    long initialTimeMillis = 0; // 0 = the wall clock, as the stock server does
    String fromEnv = System.getenv("CASC_TEST_SERVER_INITIAL_TIME");
    if (fromEnv != null && !fromEnv.isEmpty()) initialTimeMillis = Instant.parse(fromEnv).toEpochMilli();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equalsIgnoreCase("--enable-time-skipping")) {
        timeSkipping = true;
      } else if (args[i].equals("--initial-time") && i + 1 < args.length) {
        initialTimeMillis = Instant.parse(args[++i]).toEpochMilli();
      } else {
        System.err.println("Unknown flag " + args[i]);
        System.exit(2);
      }
    }
    TestServicesStarter starter = new TestServicesStarter(!timeSkipping, initialTimeMillis);
    // The TypeScript client and worker ping every 30 s, also between calls. gRPC's default policy
    // (at most one ping per 5 min) answers that with GOAWAY "too_many_pings"; in long runs (a
    // 1,000-candidate benchmark) the worker's polls then stalled for good. Accept their pings.
    NettyServerBuilder builder = NettyServerBuilder.forPort(port).permitKeepAliveTime(10, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true);
    GRPCServerHelper.registerServicesAndHealthChecks(starter.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      starter.close();
    }));
    server.awaitTermination();
  }
}
