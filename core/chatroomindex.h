#pragma once

#include "core/sortkey.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>
#include <vector>

namespace handover {

// Told about every change of a ChatroomIndex, in the about-to/done pairs a QAbstractItemModel needs. Rows are
// counted in the index's order; "about to" callbacks run while the index still shows the old state, the
// others once it shows the new one. Nothing is announced when nothing changes.
class ChatroomIndexObserver
{
public:
    virtual ~ChatroomIndexObserver() = default;

    virtual void rowAboutToBeInserted(int /*row*/) {}
    virtual void rowInserted(int /*row*/) {}
    virtual void rowAboutToBeRemoved(int /*row*/) {}
    virtual void rowRemoved(int /*row*/) {}
    // `to` is the row the moved row has once the move is done.
    virtual void rowAboutToMove(int /*from*/, int /*to*/) {}
    virtual void rowMoved(int /*from*/, int /*to*/) {}
    virtual void aboutToReset() {}
    virtual void resetDone() {}
};

// QAbstractItemModel::beginMoveRows() wants the row the moved row is placed before, counted before the move.
constexpr int moveDestinationRow(int from, int to)
{
    return to > from ? to + 1 : to;
}

// The chatroom ids of one list in display order: SortKey descending, newest first (R20), equal keys by id
// ascending so the order is total and the same on every client. Finding a row, moving it and reading row i
// are all O(log n), so a list model of 1M rows can sit on it: a treap with subtree sizes, its nodes in one
// array addressed by 32-bit slots, and a hash from id to slot.
class ChatroomIndex
{
public:
    ChatroomIndex();
    ~ChatroomIndex();
    Q_DISABLE_COPY_MOVE(ChatroomIndex)

    // Not owned; nullptr for none.
    void setObserver(ChatroomIndexObserver *observer) { m_observer = observer; }
    ChatroomIndexObserver *observer() const { return m_observer; }

    // Adds the id and returns its row; an id already present is updated instead.
    int insert(const QString &id, SortKey key);
    // Gives the id a new key and returns its row, or -1 (and changes nothing) if the id is absent. A key that
    // leaves the row where it is announces nothing.
    int update(const QString &id, SortKey key);
    // False if the id was absent.
    bool remove(const QString &id);
    // Replaces the whole content (cold start) in O(n log n), announced as one reset. When an id appears more
    // than once, its last row wins, as if the rows had been inserted one by one.
    void assign(std::vector<std::pair<QString, SortKey>> rows);
    // Empties the index, announced as a reset (nothing is announced if it was already empty).
    void clear();
    void reserve(int rows);

    int size() const { return m_nodes[m_root].size; }
    bool isEmpty() const { return m_root == Nil; }
    bool contains(const QString &id) const { return m_slots.contains(id); }
    int indexOf(const QString &id) const; // -1 if absent
    QString idAt(int row) const;          // a null string outside [0, size())
    SortKey keyAt(int row) const;         // SortKey{} outside [0, size())
    std::optional<SortKey> keyOf(const QString &id) const;
    QStringList orderedIds() const; // every id in row order, O(n)

    // The row order: true if (keyA, idA) is shown above (keyB, idB).
    static bool comesBefore(const SortKey &keyA, const QString &idA, const SortKey &keyB, const QString &idB);

    // Walks the whole structure and checks sizes, heap order, row order and the id lookup; for tests.
    bool checkInvariants() const;

private:
    using Slot = qint32; // index into m_nodes / m_ids

    // The hot part of a node: what a descent reads. Ids live apart and are only read to break key ties.
    struct Node
    {
        SortKey key;
        Slot left = 0;
        Slot right = 0;
        qint32 size = 0; // nodes in this subtree
        quint32 priority = 0;
    };

    // Slot 0 is a sentinel with size 0, so reading a missing child's size needs no branch.
    static constexpr Slot Nil = 0;

    bool probeBefore(const SortKey &key, const QString &id, Slot node) const;
    Slot slotOf(const QString &id) const { return m_slots.value(id, Nil); }
    int rankOf(Slot node) const;
    int countBefore(const SortKey &key, const QString &id, Slot self) const;
    Slot slotAt(int row) const;
    int reposition(Slot node, SortKey key);

    Slot allocate(const QString &id, SortKey key);
    void release(Slot node);
    void link(Slot node);
    void unlink(Slot node);
    void split(Slot tree, const SortKey &key, const QString &id, Slot &before, Slot &after);
    Slot merge(Slot before, Slot after);
    void buildFromSorted(); // the tree over slots 1..n, which hold the rows in order
    qint32 checkSubtree(Slot node, quint32 maxPriority, Slot &previous, bool &ok) const;
    quint32 nextPriority();
    void resetStorage(bool releaseMemory);

    std::vector<Node> m_nodes;
    std::vector<QString> m_ids; // parallel to m_nodes
    QHash<QString, Slot> m_slots;
    Slot m_root = Nil;
    Slot m_free = Nil; // free slots, chained through Node::left
    quint64 m_random = 0x9E3779B97F4A7C15ull;
    ChatroomIndexObserver *m_observer = nullptr;
};

} // namespace handover
