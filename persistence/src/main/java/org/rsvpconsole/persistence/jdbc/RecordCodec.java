package org.rsvpconsole.persistence.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compact binary form of the immutable records the store keeps (engine events, operator actions, topologies,
 * snapshots). Types are known statically from the record components: a sealed interface is written as the index of
 * the permitted subclass, so decoding never loads a class named by the stored bytes (a hostile file cannot pick
 * classes). Supported component types: primitives, String, enums (by name), byte[], List of any supported type,
 * records and sealed interfaces of records; any value may be null.
 */
final class RecordCodec {

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private RecordCodec() {
    }

    /** One record class: its components' accessors and generic types, and its canonical constructor. */
    private record Shape(MethodHandle[] getters, Type[] types, MethodHandle constructor) {
    }

    static byte[] encode(Class<?> type, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, type, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static <T> T decode(Class<T> type, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return type.cast(read(in, type));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("stored value is not a valid " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static Shape shape(Class<?> c) {
        return SHAPES.computeIfAbsent(c, k -> {
            RecordComponent[] rc = k.getRecordComponents();
            MethodHandle[] getters = new MethodHandle[rc.length];
            Type[] types = new Type[rc.length];
            Class<?>[] raw = new Class<?>[rc.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < rc.length; i++) {
                    getters[i] = lookup.unreflect(rc[i].getAccessor());
                    types[i] = rc[i].getGenericType();
                    raw[i] = rc[i].getType();
                }
                MethodHandle ctor = lookup.findConstructor(k, MethodType.methodType(void.class, raw));
                return new Shape(getters, types, ctor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("not a public record: " + k, e);
            }
        });
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    private static void write(DataOutputStream out, Type type, Object v) throws IOException {
        Class<?> c = raw(type);
        if (c == long.class) {
            out.writeLong((Long) v);
        } else if (c == int.class) {
            out.writeInt((Integer) v);
        } else if (c == double.class) {
            out.writeDouble((Double) v);
        } else if (c == boolean.class) {
            out.writeBoolean((Boolean) v);
        } else if (v == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            if (c == String.class) {
                out.writeUTF((String) v);
            } else if (c == Long.class) {
                out.writeLong((Long) v);
            } else if (c.isEnum()) {
                out.writeUTF(((Enum<?>) v).name());
            } else if (c == byte[].class) {
                byte[] b = (byte[]) v;
                out.writeInt(b.length);
                out.write(b);
            } else if (c == List.class) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                List<?> list = (List<?>) v;
                out.writeInt(list.size());
                for (Object o : list) {
                    write(out, element, o);
                }
            } else if (c.isSealed()) {
                Class<?>[] permitted = c.getPermittedSubclasses();
                int i = Arrays.asList(permitted).indexOf(v.getClass());
                out.writeByte(i);
                writeRecord(out, permitted[i], v);
            } else if (c.isRecord()) {
                writeRecord(out, c, v);
            } else {
                throw new IllegalArgumentException("cannot store " + c);
            }
        }
    }

    private static void writeRecord(DataOutputStream out, Class<?> c, Object v) throws IOException {
        Shape s = shape(c);
        for (int i = 0; i < s.getters.length; i++) {
            Object field;
            try {
                field = s.getters[i].invoke(v);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            write(out, s.types[i], field);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(DataInputStream in, Type type) throws IOException {
        Class<?> c = raw(type);
        if (c == long.class) {
            return in.readLong();
        } else if (c == int.class) {
            return in.readInt();
        } else if (c == double.class) {
            return in.readDouble();
        } else if (c == boolean.class) {
            return in.readBoolean();
        }
        if (in.readByte() == 0) {
            return null;
        }
        if (c == String.class) {
            return in.readUTF();
        } else if (c == Long.class) {
            return in.readLong();
        } else if (c.isEnum()) {
            return Enum.valueOf((Class) c, in.readUTF());
        } else if (c == byte[].class) {
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new IOException("bad byte run length " + n);
            }
            return in.readNBytes(n);
        } else if (c == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new IOException("bad list length " + n);
            }
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(read(in, element));
            }
            return list;
        } else if (c.isSealed()) {
            Class<?>[] permitted = c.getPermittedSubclasses();
            int i = in.readUnsignedByte();
            if (i >= permitted.length) {
                throw new IOException("unknown variant " + i + " of " + c.getSimpleName());
            }
            return readRecord(in, permitted[i]);
        } else if (c.isRecord()) {
            return readRecord(in, c);
        }
        throw new IOException("cannot read " + c);
    }

    private static Object readRecord(DataInputStream in, Class<?> c) throws IOException {
        Shape s = shape(c);
        Object[] args = new Object[s.types.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = read(in, s.types[i]);
        }
        try {
            return s.constructor.invokeWithArguments(args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
