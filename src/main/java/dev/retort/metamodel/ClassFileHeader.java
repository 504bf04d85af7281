package dev.retort.metamodel;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The name and the class-level runtime annotations of a class file, read from its bytes. Reading the
 * bytes instead of loading the class keeps a large jar cheap to scan and never fails on classes whose
 * dependencies are not on the class path; only the classes that turn out to be mapped get loaded.
 */
record ClassFileHeader(String className, Set<String> annotationDescriptors) {

    private static final int MAGIC = 0xCAFEBABE;

    static ClassFileHeader read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> { in.readLong(); i++; } // eight-byte constants take two slots
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access flags
        String internalName = utf8[classNameIndex[in.readUnsignedShort()]];
        in.readUnsignedShort(); // super class
        skip(in, in.readUnsignedShort() * 2); // interfaces
        skipMembers(in); // fields
        skipMembers(in); // methods
        Set<String> annotations = new LinkedHashSet<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String name = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if ("RuntimeVisibleAnnotations".equals(name)) {
                int n = in.readUnsignedShort();
                for (int k = 0; k < n; k++) {
                    annotations.add(utf8[in.readUnsignedShort()]);
                    skipElementValuePairs(in);
                }
            } else {
                skip(in, length);
            }
        }
        return new ClassFileHeader(internalName.replace('/', '.'), annotations);
    }

    boolean hasAnnotation(String descriptor) {
        return annotationDescriptors.contains(descriptor);
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int members = in.readUnsignedShort();
        for (int m = 0; m < members; m++) {
            skip(in, 6); // access, name, descriptor
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.readUnsignedShort();
                skip(in, in.readInt());
            }
        }
    }

    private static void skipElementValuePairs(DataInputStream in) throws IOException {
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            in.readUnsignedShort();
            skipElementValue(in);
        }
    }

    private static void skipElementValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> in.readUnsignedShort();
            case 'e' -> skip(in, 4);
            case '@' -> { in.readUnsignedShort(); skipElementValuePairs(in); }
            case '[' -> {
                int n = in.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    skipElementValue(in);
                }
            }
            default -> throw new IOException("unknown element value tag " + (char) tag);
        }
    }

    private static void skip(DataInputStream in, int n) throws IOException {
        in.skipNBytes(n);
    }
}
