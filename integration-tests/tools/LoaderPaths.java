import java.io.File;

import org.netbeans.lib.profiler.heap.ArrayItemValue;
import org.netbeans.lib.profiler.heap.GCRoot;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import org.netbeans.lib.profiler.heap.ObjectFieldValue;
import org.netbeans.lib.profiler.heap.Value;

/**
 * For a heap dump (the probe war's {@code POST /probe/api/heapdump}, which SampleRedeployIT calls when loaders of the
 * war outlive their undeploy): every class loader that defines a class, and the shortest path that keeps it from
 * being collected, field by field, up to its GC root. Uses NetBeans' heap walker from Maven Central:
 * <pre>
 * ./mvnw -q -N dependency:copy -Dartifact=org.netbeans.modules:org-netbeans-lib-profiler:RELEASE220 -DoutputDirectory=target
 * java -Xmx4g -cp target/org-netbeans-lib-profiler-RELEASE220.jar integration-tests/tools/LoaderPaths.java \
 *      /tmp/redisee-123.hprof [org.redisee.RedisExtension]
 * </pre>
 */
public class LoaderPaths {

    public static void main(String[] args) throws Exception {
        Heap heap = HeapFactory.createHeap(new File(args[0]));
        String className = args.length > 1 ? args[1] : "org.redisee.RedisExtension";
        for (Object found : heap.getJavaClassesByRegExp(className.replace(".", "\\.").replace("$", "\\$"))) {
            Instance loader = ((JavaClass) found).getClassLoader();
            System.out.println("=== " + describe(heap, loader));
            Instance current = loader;
            for (int step = 0; step < 100 && current != null; step++) {
                GCRoot root = heap.getGCRoot(current);
                if (root != null) {
                    System.out.println("   GC root: " + root.getKind());
                    break;
                }
                Instance holder = current.getNearestGCRootPointer();
                if (holder == null) {
                    System.out.println("   (no path to a GC root: collectable)");
                    break;
                }
                System.out.println("  <- " + via(current, holder) + " of " + describe(heap, holder));
                current = holder;
            }
        }
    }

    /** The field or array slot of {@code holder} that references {@code held}. */
    private static String via(Instance held, Instance holder) {
        for (Object reference : held.getReferences()) {
            Value value = (Value) reference;
            if (value.getDefiningInstance() != null && value.getDefiningInstance().getInstanceId() == holder.getInstanceId()) {
                if (value instanceof ObjectFieldValue field) {
                    return "." + field.getField().getName() + (field.getField().isStatic() ? " (static)" : "");
                }
                if (value instanceof ArrayItemValue item) {
                    return "[" + item.getIndex() + "]";
                }
            }
        }
        return "?";
    }

    /** The instance's class, and for a java.lang.Class instance the class it stands for. */
    private static String describe(Heap heap, Instance instance) {
        String text = instance.getJavaClass().getName() + "@" + Long.toHexString(instance.getInstanceId());
        JavaClass represented = heap.getJavaClassByID(instance.getInstanceId());
        return represented != null ? text + " (" + represented.getName() + ")" : text;
    }
}
