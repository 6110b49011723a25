#pragma once

#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QPointer>

namespace handover {

class ChatroomListModel;

// Which chatrooms of a list a ChatroomFilterModel keeps.
struct ChatroomFilter
{
    enum class States
    {
        Any,
        Open,   // active: the agent's queue
        Closed, // deactivated or expired (R12): out of the queue, still readable
    };

    States states = States::Any;
    // Matched case-insensitively against the display name and the phone number; trimmed by the model.
    QString query;
    // An empty query matches nothing (the search box's results); false: an empty query matches everything.
    bool queryRequired = true;

    bool accepts(const Chatroom &chatroom) const;
    static ChatroomFilter search() { return {}; }
    static ChatroomFilter open() { return {States::Open, {}, false}; }
    static ChatroomFilter closed() { return {States::Closed, {}, false}; }
};

// A subset of a ChatroomListModel in the list's order: the search box's results, or the open and the closed
// chatrooms of a view. Not a proxy over the big list: it keeps its own ChatroomIndex of the kept ids, so a
// new filter costs one O(n) pass over the list and, after that, each change of the list costs O(log n) here.
// The search's empty query matches nothing (the window shows the list itself then), so an idle search costs
// no memory; the open chatrooms' index holds only those.
class ChatroomFilterModel final : public ChatroomRowsModel
{
    Q_OBJECT

public:
    explicit ChatroomFilterModel(ChatroomListModel *source, ChatroomFilter filter = ChatroomFilter::search(),
                                 QObject *parent = nullptr);
    ~ChatroomFilterModel() override;

    const ChatroomFilter &filter() const { return m_filter; }
    QString query() const { return m_filter.query; }
    // Trims the query; a different one rebuilds the results with one model reset.
    void setQuery(const QString &query);

    const Chatroom *chatroom(const ChatroomId &id) const override;
    UserId viewerId() const override;

    // Case-insensitive: the query appears in the display name or the phone number; an empty query matches
    // nothing.
    static bool matches(const Chatroom &chatroom, const QString &query);

private:
    void follow(const QString &chatroomId);
    void forget(const QString &chatroomId);
    void rebuild();

    QPointer<ChatroomListModel> m_source;
    ChatroomFilter m_filter;
};

} // namespace handover
