package org.rsvpconsole.ui.common;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list whose changes between {@link #beginBatch} and {@link #endBatch} reach its listeners as one
 * change (with a sub-change per place touched). A table over it (and the filtered and sorted lists in between) then
 * reacts once per pulse instead of once per row: its focus and selection models, which otherwise update every
 * visible cell on each change, and its cells' CSS.
 *
 * @param <E> the element type
 */
public final class BatchedList<E> extends ModifiableObservableListBase<E> {

    private final ArrayList<E> items = new ArrayList<>();

    /** Starts collecting changes; batches nest. */
    public void beginBatch() {
        beginChange();
    }

    /** Ends a batch: the outermost end fires the collected change. */
    public void endBatch() {
        endChange();
    }

    /**
     * Makes this list equal to {@code content} as one change: a replacement at each index of {@code changed} (below
     * both sizes) whose element differs, then the tail added or removed. The caller knows which indices it touched;
     * describing them in ascending order keeps the change simple for the filtered and sorted lists downstream.
     */
    public void update(BitSet changed, List<? extends E> content) {
        int oldSize = items.size();
        int newSize = content.size();
        int common = Math.min(oldSize, newSize);
        beginChange();
        try {
            for (int i = changed.nextSetBit(0); i >= 0 && i < common; i = changed.nextSetBit(i + 1)) {
                E now = content.get(i);
                E old = items.set(i, now);
                if (old != now) {
                    nextSet(i, old);
                }
            }
            if (newSize > oldSize) {
                items.addAll(content.subList(oldSize, newSize));
                nextAdd(oldSize, newSize);
            } else if (newSize < oldSize) {
                List<E> removed = new ArrayList<>(items.subList(newSize, oldSize));
                items.subList(newSize, oldSize).clear();
                nextRemove(newSize, removed);
            }
            modCount++;
        } finally {
            endChange();
        }
    }

    /** Replaces the whole content as one change (no element-by-element events). */
    public void replaceAll(Collection<? extends E> content) {
        setAll(content);
    }

    /** Removes {@code [from, to)} as one change with one shift of the backing array (the log's trimming). */
    @Override
    protected void removeRange(int from, int to) {
        if (from >= to) {
            return;
        }
        beginChange();
        try {
            nextRemove(from, new ArrayList<>(items.subList(from, to)));
            items.subList(from, to).clear();
            modCount++;
        } finally {
            endChange();
        }
    }

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }
}
