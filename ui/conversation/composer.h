#pragma once

#include "core/domain/chatroom.h"
#include "ui/conversation/composermode.h"

#include <QTimer>
#include <QWidget>
#include <optional>

class QKeyEvent;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace handover {

class Clock;
namespace client {
class Outbox;
}

// The box under the conversation. Inside the 24h window a participant writes free text and sends it with
// Enter (Shift+Enter starts a new line; with setEnterSends(false) Enter is a new line), Ctrl+Enter or Send.
// Near WhatsApp's limit of 4,096 characters a counter shows; a longer text is not sent and stays in the box,
// with a line saying by how much it is over. Otherwise (R19, or not a participant) it is in template mode and
// says why, and in an inactive chatroom it is disabled with the reason. Sends go into the outbox. The mode
// follows the injected clock: it is checked again when the window ends and every minute for the time-left
// line.
class Composer final : public QWidget
{
    Q_OBJECT

public:
    explicit Composer(const Clock &clock, QWidget *parent = nullptr);
    ~Composer() override;

    void setOutbox(client::Outbox *outbox);
    void setChatroom(const std::optional<Chatroom> &chatroom, const UserId &viewerId);
    const ComposerMode &mode() const { return m_mode; }
    QString text() const;
    void setText(const QString &text);
    void focusText();
    // Enter sends and Shift+Enter starts a new line (the default), or Enter starts a new line; Ctrl+Enter
    // sends either way.
    void setEnterSends(bool enterSends);
    bool enterSends() const { return m_enterSends; }
    // The words of a send that failed, back in the box after what is there, to change and send again.
    void takeBack(const QString &words);

public Q_SLOTS:
    // Reads the clock and the chatroom again.
    void updateMode();
    // Sends the text through the outbox; false if there was nothing to send or it could not be stored.
    bool send();

Q_SIGNALS:
    void textQueued(qint64 localId);
    // The user wants the template dialog (the Templates button or Ctrl+T).
    void templatesWanted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showNotice(const QString &text, bool problem);
    void updateLength();
    bool handleKey(const QKeyEvent *key);

    const Clock &m_clock;
    client::Outbox *m_outbox = nullptr;
    std::optional<Chatroom> m_chatroom;
    UserId m_viewerId;
    ComposerMode m_mode;
    QTimer m_modeTimer;
    bool m_enterSends = true;
    QLabel *m_notice = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_counter = nullptr;
    QPushButton *m_templates = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace handover
