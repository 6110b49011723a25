#pragma once

#include "core/domain/chatroom.h"

#include <QHash>
#include <QWidget>
#include <optional>

class QLabel;
class QToolButton;

namespace handover {

class Clock;

// The top of the conversation pane: the contact's display name and phone, the participants, the state and
// the 24h window's time left (R19), and a notice when the chatroom was just handed over or reassigned to
// the viewer, with the reason. The notice can be dismissed.
class ConversationHeader final : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationHeader(const Clock &clock, QWidget *parent = nullptr);
    ~ConversationHeader() override;

    void setChatroom(const std::optional<Chatroom> &chatroom, const UserId &viewerId,
                     const QHash<UserId, QString> &names);
    // Empty: no notice.
    void setNotice(const QString &text);
    QString notice() const;
    // Reads the clock again (the window's time left).
    void refresh();

    QString titleText() const;
    QString detailsText() const;
    QString windowText() const;

Q_SIGNALS:
    void noticeDismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    const Clock &m_clock;
    std::optional<Chatroom> m_chatroom;
    UserId m_viewerId;
    QHash<UserId, QString> m_names;
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_window = nullptr;
    QWidget *m_noticeBox = nullptr;
    QLabel *m_notice = nullptr;
};

} // namespace handover
