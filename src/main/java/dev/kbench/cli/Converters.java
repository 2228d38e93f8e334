package dev.kbench.cli;

import dev.kbench.boot.CacheMode;
import dev.kbench.cluster.MemorySize;
import dev.kbench.guest.Transport;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.Kaslr;
import dev.kbench.results.Correction;
import dev.kbench.run.RunOrder;
import dev.kbench.run.Shard;
import dev.kbench.run.WorkloadScale;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.NetModel;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * Turns option text into kbench's types at the edge, so that a bad value is a usage error
 * (exit status 2) naming the option, and nothing past the command line handles strings.
 */
final class Converters {

    private Converters() {
    }

    static CommandLine registerAll(CommandLine commandLine) {
        return commandLine.registerConverter(Accel.class, typed(Accel::parse))
                .registerConverter(Machine.class, typed(Machine::parse))
                .registerConverter(DiskModel.class, typed(DiskModel::parse))
                .registerConverter(NetModel.class, typed(NetModel::parse))
                .registerConverter(Transport.class, typed(Transport::parse))
                .registerConverter(CacheMode.class, typed(CacheMode::parse))
                .registerConverter(BootCommand.CountMode.class, typed(BootCommand.CountMode::parse))
                .registerConverter(RunOrder.class, typed(RunOrder::parse))
                .registerConverter(Correction.class, typed(Correction::parse))
                .registerConverter(WorkloadScale.class, typed(WorkloadScale::parse))
                .registerConverter(Compression.class, typed(Compression::parse))
                .registerConverter(Kaslr.class, typed(Kaslr::parse))
                .registerConverter(Shard.class, typed(Shard::parse))
                .registerConverter(MemorySize.class, typed(MemorySize::parse));
    }

    /** A duration as people write it: 90s, 30m, 2h (or ISO-8601, PT30M). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smh])").matcher(text.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(text.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("'" + text + "' is not a duration: write e.g. 90s, 30m or 2h");
            }
        }
    }

    /**
     * A percentage as people write it: {@code 1}, {@code 1%}, {@code 0.5 %}, {@code +1%}, as a
     * number of percent. Never negative, NaN or infinite; each option checks its own range.
     */
    static final class PercentConverter implements ITypeConverter<Double> {

        private static final java.util.regex.Pattern PERCENT =
                java.util.regex.Pattern.compile("\\+?((?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*%?");

        @Override
        public Double convert(String text) {
            java.util.regex.Matcher m = PERCENT.matcher(text.strip());
            if (m.matches()) {
                double percent = Double.parseDouble(m.group(1));
                if (Double.isFinite(percent)) {
                    return percent;
                }
            }
            if (text.strip().startsWith("-")) {
                throw new TypeConversionException("'" + text + "' is negative: give a percentage of 0 or more, e.g. 1 or 0.5%");
            }
            throw new TypeConversionException("'" + text + "' is not a percentage: write e.g. 1, 1% or 0.5%");
        }
    }

    /** A count of CPUs Kubernetes gives a container of its own: whole ones only. */
    static final class WholeCpusConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                return Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a whole number of CPUs: the static CPU manager"
                        + " gives a container CPUs of its own only for whole ones");
            }
        }
    }

    /** picocli reports a {@link TypeConversionException}'s message after the option's name; other exceptions read worse. */
    private static <T> ITypeConverter<T> typed(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }
}
