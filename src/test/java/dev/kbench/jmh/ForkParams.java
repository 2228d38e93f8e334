package dev.kbench.jmh;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import java.util.Set;
import java.util.TreeSet;

/** What a fork's JMH gives its benchmark of the options a parent built, and the parameters a benchmark class declares. */
public final class ForkParams {

    private ForkParams() {
    }

    /** The parameters as JMH hands them to a fork: each one value, the ones not given left out (a fork then has the default). */
    public static BenchmarkParams of(String benchmark, Options options, Set<String> names) {
        WorkloadParams params = new WorkloadParams();
        int order = 0;
        for (String name : names) {
            Collection<String> values = options.getParameter(name).orElse(List.of());
            if (values.size() == 1) {
                params.put(name, values.iterator().next(), order++);
            }
        }
        IterationParams iteration = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.NONE, 1);
        return new BenchmarkParams(benchmark, "generated", false, 1, new int[] {1}, List.of(), 1, 0, iteration, iteration,
                Mode.SingleShotTime, params, TimeUnit.MILLISECONDS, 1, "java", List.of(), "17", "vm", "17", "1.37", TimeValue.NONE);
    }

    /** The {@code @Param} fields of {@code benchmark} and the classes it extends, by name. */
    public static Set<String> declared(Class<?> benchmark) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = benchmark; c != null; c = c.getSuperclass()) {
            for (var field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Param.class)) {
                    names.add(field.getName());
                }
            }
        }
        return names;
    }
}
