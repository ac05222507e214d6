package org.khanaen.proofs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 (Certificate Transparency, section 2.1), SHA-256: a leaf's hash is
 * {@code SHA-256(0x00 || data)}, an inner node's {@code SHA-256(0x01 || left || right)}, and a tree of n leaves splits
 * at the largest power of two smaller than n (so an odd node is carried up, never paired with itself). The standard
 * construction, so anyone can check a root or a proof with any RFC 6962 library, or with the dozen lines of
 * {@link #rootFrom}. Spring-free.
 */
final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();

    /** The leaves' hashes, level 0; level k holds the hashes of the complete subtrees of 2^k leaves, left to right. */
    private final List<byte[][]> levels = new ArrayList<>();

    private MerkleTree(byte[][] leaves) {
        levels.add(leaves);
        byte[][] level = leaves;
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = node(level[2 * i], level[2 * i + 1]);
            }
            levels.add(up);
            level = up;
        }
    }

    /** A tree over these leaf hashes (already {@link #leafHash hashed}), in this order. */
    static MerkleTree of(List<byte[]> leafHashes) {
        return new MerkleTree(leafHashes.toArray(byte[][]::new));
    }

    int size() {
        return levels.getFirst().length;
    }

    /** MTH(D[n]): the empty tree's is SHA-256 of nothing. */
    byte[] root() {
        return hash(0, size());
    }

    /** PATH(m, D[n]) of RFC 6962 2.1.1: the sibling hashes from the leaf up, the leaf's own first. */
    List<byte[]> inclusionProof(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size());
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size(), path);
        return path;
    }

    private void path(int m, int from, int n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, from, k, out);
            out.add(hash(from + k, n - k));
        } else {
            path(m - k, from + k, n - k, out);
            out.add(hash(from, k));
        }
    }

    /** MTH of the n leaves from {@code from}: complete subtrees are read from the levels, the rest computed. */
    private byte[] hash(int from, int n) {
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (Integer.bitCount(n) == 1 && from % n == 0) {
            return levels.get(Integer.numberOfTrailingZeros(n))[from / n];
        }
        int k = split(n);
        return node(hash(from, k), hash(from + k, n - k));
    }

    /** The largest power of two smaller than n (n > 1). */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /**
     * The root a proof leads to from a leaf, by RFC 9162 2.1.3.2 (the same trees as RFC 6962): compare it with the
     * anchored root. Wrong index, size or path length give an empty answer.
     */
    static java.util.Optional<byte[]> rootFrom(byte[] leafHash, long index, long size, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            return java.util.Optional.empty();
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return java.util.Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    static boolean proves(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        return rootFrom(leafHash, index, size, proof).map(r -> Arrays.equals(r, root)).orElse(false);
    }

    static byte[] leafHash(byte[] data) {
        return sha256(new byte[] { 0 }, data);
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] { 1 }, left, right);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }
}
