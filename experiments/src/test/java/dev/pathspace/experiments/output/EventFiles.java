package dev.pathspace.experiments.output;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;

/** Reads TensorBoard event files: TFRecord framing (u64 length, u32 crc, data, u32 crc) + Event protos. */
public final class EventFiles {
  private EventFiles() {}

  /** Every event of every {@code events.out.tfevents.*} file in {@code dir}, file by file. */
  public static List<Event> read(Path dir) throws IOException {
    List<Event> events = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList()) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
          while (true) {
            byte[] len = new byte[8];
            try {
              in.readFully(len);
            } catch (EOFException e) {
              break;
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            in.readFully(new byte[4]);
            byte[] data = new byte[(int) n];
            in.readFully(data);
            in.readFully(new byte[4]);
            events.add(Event.parseFrom(data));
          }
        }
      }
    }
    return events;
  }

  /** The (step, value) pairs of scalar {@code tag}. */
  public static List<double[]> scalars(List<Event> events, String tag) {
    List<double[]> out = new ArrayList<>();
    for (Event e : events) {
      if (e.hasSummary()) {
        for (var v : e.getSummary().getValueList()) {
          if (v.getTag().equals(tag)) {
            double x = v.hasSimpleValue() ? v.getSimpleValue() : tensorValue(v);
            out.add(new double[] {e.getStep(), x});
          }
        }
      }
    }
    return out;
  }

  private static double tensorValue(org.tensorflow.proto.Summary.Value v) {
    var t = v.getTensor();
    if (t.getDoubleValCount() > 0) {
      return t.getDoubleVal(0);
    }
    if (t.getFloatValCount() > 0) {
      return t.getFloatVal(0);
    }
    ByteBuffer b = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return t.getDtypeValue() == 2 ? b.getDouble() : b.getFloat();
  }
}
