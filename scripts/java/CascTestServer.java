// Launcher for Temporal's Java time-skipping test server that can also start its clock at a chosen
// instant (--initial-time 2026-08-03T00:00:00Z). The stock main() accepts only
// `<port> [--enable-time-skipping]` and always starts at the wall clock, which would make a
// scenario that begins in the past impossible to simulate.
//
// It also mends a time-skipping lock the stock server leaks (sdk-java#2392, sdk-typescript#1101):
// a child workflow that closes takes a lock "… notify parent" that only the parent's
// childWorkflowCompleted/Failed/Canceled/TimedOut update gives back. When the parent has already
// closed (completed, or continued as new: the child reports to the run that started it), that
// update fails with NOT_FOUND "Completed workflow" before it unlocks, and the clock never skips
// again: env.sleep() waits for ever. ParentClosePolicy.ABANDON children that end after their
// parent (a credential recommendation archiving while its lifecycle completes) do exactly that.
// The timer the workflow service and store use is wrapped so that such a failed notification
// releases the lock it was meant to release.
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
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
    releaseLocksOfUndeliveredChildNotifications(starter);
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

  /** The parent's updates that give back a child's "notify parent" lock (one call per lock). */
  private static final Set<String> CHILD_NOTIFICATIONS =
      Set.of("childWorkflowCompleted", "childWorkflowFailed", "childWorkflowCanceled", "childWorkflowTimedOut");

  private static final String UPDATE_PREFIX = "Command Update from ";

  /**
   * A parent's update runs on one thread: it takes a handle lock "Command Update from M", applies
   * its lock changes (M's own -1 among them) and gives the handle back, also when it throws. An
   * update for a child notification M whose -1 was never applied did not reach the parent, so its
   * lock is released here when the handle is.
   */
  private static void releaseLocksOfUndeliveredChildNotifications(TestServicesStarter starter) throws Exception {
    String pkg = "io.temporal.internal.testservice.";
    Class<?> timerType = Class.forName(pkg + "SelfAdvancingTimer");
    Class<?> handleType = Class.forName(pkg + "LockHandle");
    Class<?> changeType = Class.forName(pkg + "RequestContext$TimerLockChange");
    Object timer = field(starter, "selfAdvancingTimer").get(starter);
    Method unlock = timerType.getDeclaredMethod("unlockTimeSkipping", String.class);
    Method changeCaller = changeType.getDeclaredMethod("getCaller");
    Method changeDelta = changeType.getDeclaredMethod("getChange");
    for (Method m : new Method[] {unlock, changeCaller, changeDelta}) m.setAccessible(true);
    // Per thread, the child notifications being applied whose unlock is still owed (null once applied).
    ThreadLocal<Deque<String[]>> owed = ThreadLocal.withInitial(ArrayDeque::new);
    InvocationHandler wrapper =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("updateLocks")) {
            for (Object change : (List<?>) args[0]) {
              if ((int) changeDelta.invoke(change) != -1) continue;
              String caller = (String) changeCaller.invoke(change);
              for (String[] o : owed.get()) {
                if (caller.equals(o[0])) {
                  o[0] = null;
                  break;
                }
              }
            }
          }
          Object result = call(method, timer, args);
          if (!name.equals("lockTimeSkipping") || !((String) args[0]).startsWith(UPDATE_PREFIX)) return result;
          String notification = ((String) args[0]).substring(UPDATE_PREFIX.length());
          if (!CHILD_NOTIFICATIONS.contains(notification)) return result;
          String[] o = {notification};
          owed.get().push(o);
          Object handle = result;
          return Proxy.newProxyInstance(
              handleType.getClassLoader(),
              new Class<?>[] {handleType},
              (p, m, a) -> {
                if (m.getName().startsWith("unlock") && owed.get().remove(o) && o[0] != null)
                  call(unlock, timer, new Object[] {notification + " (the parent had closed; lock released)"});
                return call(m, handle, a);
              });
        };
    Object wrapped = Proxy.newProxyInstance(timerType.getClassLoader(), new Class<?>[] {timerType}, wrapper);
    for (Object owner : new Object[] {starter.getWorkflowService(), field(starter, "workflowStore").get(starter)}) {
      field(owner, "selfAdvancingTimer").set(owner, wrapped);
    }
  }

  private static Field field(Object owner, String name) throws NoSuchFieldException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    method.setAccessible(true);
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
