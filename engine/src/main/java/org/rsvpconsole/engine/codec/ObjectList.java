package org.rsvpconsole.engine.codec;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list over an array the decoder sized exactly and hands over: the decoded message's object list
 * costs one array and this wrapper, nothing else. Equal to any other {@link java.util.List} with the same elements.
 */
final class ObjectList<E> extends AbstractList<E> implements RandomAccess {

    private final E[] elements;

    /** Takes ownership of {@code elements}: the caller must not keep or change the array. */
    ObjectList(E[] elements) {
        this.elements = elements;
    }

    /**
     * The immutable list a record keeps: a decoder's exactly-sized ObjectList as it is, anything else copied
     * ({@link List#copyOf}), so callers can never change a value behind its back.
     */
    static <T> java.util.List<T> immutable(java.util.List<T> list) {
        return list instanceof ObjectList<T> ? list : java.util.List.copyOf(list);
    }

    @Override
    public E get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}
