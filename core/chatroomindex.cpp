#include "core/chatroomindex.h"

#include <QtGlobal>
#include <algorithm>
#include <functional>

// A treap: a binary search tree in row order whose nodes also form a max-heap on random priorities, which
// keeps its depth O(log n) with high probability. Each node counts its subtree, so a node's row and the node
// at a row are found in one descent. Inserting splits the subtree the new node takes over, removing merges
// the removed node's children; both touch O(1) nodes below the path on average, and the path above only
// changes sizes.

namespace handover {

ChatroomIndex::ChatroomIndex()
{
    resetStorage(false);
}

ChatroomIndex::~ChatroomIndex() = default;

bool ChatroomIndex::comesBefore(const SortKey &keyA, const QString &idA, const SortKey &keyB,
                                const QString &idB)
{
    if (keyA != keyB)
        return keyA > keyB; // newest first (R20)
    return idA < idB;       // a total order, the same on every client
}

inline bool ChatroomIndex::probeBefore(const SortKey &key, const QString &id, Slot node) const
{
    const SortKey &other = m_nodes[node].key;
    if (key != other)
        return key > other;
    return id < m_ids[node]; // ids are only read on a tie, to keep descents within the node array
}

// ---- mutations ----

int ChatroomIndex::insert(const QString &id, SortKey key)
{
    if (const Slot existing = slotOf(id); existing != Nil)
        return reposition(existing, key);

    const int row = countBefore(key, id, Nil);
    if (m_observer)
        m_observer->rowAboutToBeInserted(row);
    const Slot node = allocate(id, key);
    m_slots.insert(id, node);
    link(node);
    if (m_observer)
        m_observer->rowInserted(row);
    return row;
}

int ChatroomIndex::update(const QString &id, SortKey key)
{
    const Slot node = slotOf(id);
    return node == Nil ? -1 : reposition(node, key);
}

int ChatroomIndex::reposition(Slot node, SortKey key)
{
    const int from = rankOf(node);
    if (m_nodes[node].key == key)
        return from;

    const int to = countBefore(key, m_ids[node], node);
    if (to == from) {
        // Same neighbours, so the tree stays ordered with the new key in place.
        m_nodes[node].key = key;
        return from;
    }

    if (m_observer)
        m_observer->rowAboutToMove(from, to);
    unlink(node);
    m_nodes[node].key = key;
    link(node);
    if (m_observer)
        m_observer->rowMoved(from, to);
    return to;
}

bool ChatroomIndex::remove(const QString &id)
{
    const Slot node = slotOf(id);
    if (node == Nil)
        return false;

    const int row = rankOf(node);
    if (m_observer)
        m_observer->rowAboutToBeRemoved(row);
    unlink(node);
    m_slots.remove(id);
    release(node);
    if (m_observer)
        m_observer->rowRemoved(row);
    return true;
}

void ChatroomIndex::assign(std::vector<std::pair<QString, SortKey>> rows)
{
    if (m_observer)
        m_observer->aboutToReset();
    resetStorage(false);

    // Keep the last row of each id: walk backwards and drop ids already seen.
    m_slots.reserve(static_cast<qsizetype>(rows.size()));
    std::vector<char> keep(rows.size(), 0);
    for (size_t i = rows.size(); i-- > 0;) {
        const qsizetype before = m_slots.size();
        m_slots.insert(rows[i].first, Nil);
        keep[i] = m_slots.size() != before;
    }
    size_t kept = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (keep[i] && kept++ != i)
            rows[kept - 1] = std::move(rows[i]);
    }
    rows.resize(kept);

    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return comesBefore(a.second, a.first, b.second, b.first); });

    // Slots in row order: each subtree of the initial tree is then a range of slots, so the last steps of a
    // descent stay within a few cache lines.
    m_nodes.reserve(kept + 1);
    m_ids.reserve(kept + 1);
    for (auto &[id, key] : rows) {
        const Slot node = static_cast<Slot>(m_nodes.size());
        m_nodes.push_back(Node{key, Nil, Nil, 1, 0});
        *m_slots.find(id) = node;
        m_ids.push_back(std::move(id));
    }
    buildFromSorted();

    if (m_observer)
        m_observer->resetDone();
}

void ChatroomIndex::clear()
{
    if (isEmpty())
        return;
    if (m_observer)
        m_observer->aboutToReset();
    resetStorage(true);
    if (m_observer)
        m_observer->resetDone();
}

void ChatroomIndex::reserve(int rows)
{
    if (rows <= 0)
        return;
    m_nodes.reserve(static_cast<size_t>(rows) + 1);
    m_ids.reserve(static_cast<size_t>(rows) + 1);
    m_slots.reserve(rows);
}

// ---- lookups ----

int ChatroomIndex::indexOf(const QString &id) const
{
    const Slot node = slotOf(id);
    return node == Nil ? -1 : rankOf(node);
}

QString ChatroomIndex::idAt(int row) const
{
    const Slot node = slotAt(row);
    return node == Nil ? QString() : m_ids[node];
}

SortKey ChatroomIndex::keyAt(int row) const
{
    return m_nodes[slotAt(row)].key; // the sentinel's key is SortKey{}
}

std::optional<SortKey> ChatroomIndex::keyOf(const QString &id) const
{
    const Slot node = slotOf(id);
    if (node == Nil)
        return std::nullopt;
    return m_nodes[node].key;
}

QStringList ChatroomIndex::orderedIds() const
{
    QStringList ids;
    ids.reserve(size());
    std::vector<Slot> path; // ancestors still to visit
    Slot node = m_root;
    while (node != Nil || !path.empty()) {
        while (node != Nil) {
            path.push_back(node);
            node = m_nodes[node].left;
        }
        node = path.back();
        path.pop_back();
        ids.append(m_ids[node]);
        node = m_nodes[node].right;
    }
    return ids;
}

int ChatroomIndex::rankOf(Slot node) const
{
    const SortKey &key = m_nodes[node].key;
    const QString &id = m_ids[node];
    int rank = 0;
    Slot at = m_root;
    while (at != node) {
        Q_ASSERT(at != Nil);
        const Node &n = m_nodes[at];
        if (probeBefore(key, id, at)) {
            at = n.left;
        } else {
            rank += m_nodes[n.left].size + 1;
            at = n.right;
        }
    }
    return rank + m_nodes[m_nodes[node].left].size;
}

// How many nodes other than `self` come before (key, id): the row of (key, id) once `self` is out of the way.
int ChatroomIndex::countBefore(const SortKey &key, const QString &id, Slot self) const
{
    int count = 0;
    Slot at = m_root;
    while (at != Nil) {
        const Node &n = m_nodes[at];
        if (probeBefore(key, id, at)) { // at `self`, ids are equal, so its old key decides
            at = n.left;
        } else {
            count += m_nodes[n.left].size + 1;
            at = n.right;
        }
    }
    // `self` was counted, on the path or inside a skipped left subtree, exactly when it does not come after.
    if (self != Nil && !(key > m_nodes[self].key))
        --count;
    return count;
}

ChatroomIndex::Slot ChatroomIndex::slotAt(int row) const
{
    if (row < 0 || row >= size())
        return Nil;
    Slot at = m_root;
    for (;;) {
        const Node &n = m_nodes[at];
        const int leftSize = m_nodes[n.left].size;
        if (row < leftSize) {
            at = n.left;
        } else if (row == leftSize) {
            return at;
        } else {
            row -= leftSize + 1;
            at = n.right;
        }
    }
}

// ---- the tree ----

ChatroomIndex::Slot ChatroomIndex::allocate(const QString &id, SortKey key)
{
    const Node fresh{key, Nil, Nil, 1, nextPriority()};
    if (m_free != Nil) {
        const Slot node = m_free;
        m_free = m_nodes[node].left;
        m_nodes[node] = fresh;
        m_ids[node] = id;
        return node;
    }
    const Slot node = static_cast<Slot>(m_nodes.size());
    m_nodes.push_back(fresh);
    m_ids.push_back(id);
    return node;
}

void ChatroomIndex::release(Slot node)
{
    m_ids[node] = QString(); // drop the string now, not when the slot is reused
    m_nodes[node] = Node{};
    m_nodes[node].left = m_free;
    m_free = node;
}

// Descends while the nodes met outrank the new one, then takes over the subtree found there, split around it.
void ChatroomIndex::link(Slot node)
{
    Node &fresh = m_nodes[node];
    const SortKey key = fresh.key;
    const QString &id = m_ids[node];
    Slot *place = &m_root;
    while (*place != Nil && m_nodes[*place].priority >= fresh.priority) {
        Node &above = m_nodes[*place];
        ++above.size;
        place = probeBefore(key, id, *place) ? &above.left : &above.right;
    }
    split(*place, key, id, fresh.left, fresh.right);
    fresh.size = m_nodes[fresh.left].size + m_nodes[fresh.right].size + 1;
    *place = node;
}

// Finds the node from the root (its key still in place) and replaces it with the merge of its children.
void ChatroomIndex::unlink(Slot node)
{
    const SortKey key = m_nodes[node].key;
    const QString &id = m_ids[node];
    Slot *place = &m_root;
    while (*place != node) {
        Q_ASSERT(*place != Nil);
        Node &above = m_nodes[*place];
        --above.size;
        place = probeBefore(key, id, *place) ? &above.left : &above.right;
    }
    *place = merge(m_nodes[node].left, m_nodes[node].right);
}

// Splits `tree` into the nodes before (key, id) and the nodes after it. Recursion depth is the length of the
// split path, O(1) on average and O(log n) at worst with high probability.
void ChatroomIndex::split(Slot tree, const SortKey &key, const QString &id, Slot &before, Slot &after)
{
    if (tree == Nil) {
        before = Nil;
        after = Nil;
        return;
    }
    Node &n = m_nodes[tree];
    if (probeBefore(key, id, tree)) {
        split(n.left, key, id, before, n.left);
        after = tree;
    } else {
        split(n.right, key, id, n.right, after);
        before = tree;
    }
    n.size = m_nodes[n.left].size + m_nodes[n.right].size + 1;
}

// Joins two treaps where every node of `before` comes before every node of `after`.
ChatroomIndex::Slot ChatroomIndex::merge(Slot before, Slot after)
{
    if (before == Nil)
        return after;
    if (after == Nil)
        return before;
    Node &a = m_nodes[before];
    Node &b = m_nodes[after];
    if (a.priority >= b.priority) {
        a.size += b.size;
        a.right = merge(a.right, after);
        return before;
    }
    b.size += a.size;
    b.left = merge(before, b.left);
    return after;
}

// Builds a balanced tree over slots 1..n, already in row order: each range's middle slot is its root. Random
// priorities, sorted, are handed out level by level so the heap order holds and rows inserted later settle at
// the depth their priority ranks at. A treap built from random priorities would be about 40% deeper on
// average, and the rows of a cold start are the ones most bumps find.
void ChatroomIndex::buildFromSorted()
{
    const Slot count = static_cast<Slot>(m_nodes.size()) - 1;
    m_root = Nil;
    if (count == 0)
        return;
    std::vector<quint32> priorities(static_cast<size_t>(count));
    for (quint32 &priority : priorities)
        priority = nextPriority();
    std::sort(priorities.begin(), priorities.end(), std::greater<>());

    struct Range
    {
        Slot first;
        Slot last;
        Slot *place; // where the range's root is linked
    };
    std::vector<Range> queue; // breadth first, so parents get higher priorities than their children
    queue.reserve(static_cast<size_t>(count));
    queue.push_back(Range{1, count, &m_root});
    for (size_t next = 0; next < queue.size(); ++next) {
        const Range range = queue[next];
        const Slot middle = range.first + (range.last - range.first) / 2;
        Node &node = m_nodes[middle];
        node.priority = priorities[next];
        node.size = range.last - range.first + 1;
        node.left = Nil;
        node.right = Nil;
        *range.place = middle;
        if (range.first < middle)
            queue.push_back(Range{range.first, middle - 1, &node.left});
        if (middle < range.last)
            queue.push_back(Range{middle + 1, range.last, &node.right});
    }
}

// splitmix64: cheap, and deterministic so two runs build the same trees.
quint32 ChatroomIndex::nextPriority()
{
    quint64 z = (m_random += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<quint32>((z ^ (z >> 31)) >> 32);
}

void ChatroomIndex::resetStorage(bool releaseMemory)
{
    if (releaseMemory) {
        std::vector<Node>().swap(m_nodes);
        std::vector<QString>().swap(m_ids);
        m_slots = QHash<QString, Slot>();
    } else {
        m_nodes.clear();
        m_ids.clear();
        m_slots.clear();
    }
    m_nodes.push_back(Node{}); // the sentinel
    m_ids.emplace_back();
    m_root = Nil;
    m_free = Nil;
}

// ---- self-check ----

bool ChatroomIndex::checkInvariants() const
{
    const Node &sentinel = m_nodes[Nil];
    if (sentinel.size != 0 || sentinel.left != Nil || sentinel.right != Nil)
        return false;
    bool ok = true;
    Slot previous = Nil;
    const qint32 count = checkSubtree(m_root, ~quint32(0), previous, ok);
    return ok && count == m_slots.size() && m_nodes.size() == m_ids.size();
}

qint32 ChatroomIndex::checkSubtree(Slot node, quint32 maxPriority, Slot &previous, bool &ok) const
{
    if (node == Nil || !ok)
        return 0;
    const Node &n = m_nodes[node];
    if (n.priority > maxPriority)
        ok = false;
    const qint32 leftSize = checkSubtree(n.left, n.priority, previous, ok);
    // In-order visit: strictly after the previous row, and found again through the id lookup.
    if (previous != Nil && !comesBefore(m_nodes[previous].key, m_ids[previous], n.key, m_ids[node]))
        ok = false;
    if (m_slots.value(m_ids[node], Nil) != node)
        ok = false;
    previous = node;
    const qint32 rightSize = checkSubtree(n.right, n.priority, previous, ok);
    if (n.size != leftSize + rightSize + 1)
        ok = false;
    return n.size;
}

} // namespace handover
