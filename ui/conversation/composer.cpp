#include "ui/conversation/composer.h"

#include "client/mediaupload.h"
#include "client/outbox.h"
#include "core/clock.h"
#include "core/rules/messagesend.h"
#include "ui/common/shortcutkeys.h"
#include "ui/conversation/attachmentstrip.h"

#include <QDropEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>

namespace handover {

namespace {

constexpr qint64 kRefreshMs = 60 * 1000;           // the time-left line counts in minutes
constexpr int kCounterFrom = kMaxTextLength - 500; // the counter shows from here on

} // namespace

Composer::Composer(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("composer"));
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("composerNotice"));
    m_notice->setWordWrap(true);
    m_notice->setForegroundRole(QPalette::PlaceholderText);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("composerText"));
    m_text->setTabChangesFocus(true);
    m_text->installEventFilter(this);
    m_text->viewport()->installEventFilter(this); // drops land on the viewport
    const int line = QFontMetrics(m_text->font()).lineSpacing();
    m_text->setFixedHeight(line * 4 + 2 * m_text->frameWidth() +
                           int(m_text->document()->documentMargin() * 2));

    m_counter = new QLabel(this);
    m_counter->setObjectName(QStringLiteral("composerCounter"));
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_counter->setForegroundRole(QPalette::PlaceholderText);
    m_counter->hide();

    m_templates = new QPushButton(this);
    m_templates->setObjectName(QStringLiteral("composerTemplates"));
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("composerSend"));
    m_attach = new QPushButton(this);
    m_attach->setObjectName(QStringLiteral("composerAttach"));
    m_strip = new AttachmentStrip(this);
    setAcceptDrops(true);
    retranslate();

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_templates);
    buttons->addWidget(m_attach);
    buttons->addStretch();
    buttons->addWidget(m_counter);
    auto *row = new QHBoxLayout;
    row->addWidget(m_text, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_notice);
    layout->addWidget(m_strip);
    layout->addLayout(row);

    connect(m_send, &QPushButton::clicked, this, &Composer::send);
    connect(m_templates, &QPushButton::clicked, this, &Composer::templatesWanted);
    connect(m_attach, &QPushButton::clicked, this, &Composer::chooseFile);
    connect(m_strip, &AttachmentStrip::removeRequested, this, &Composer::removeAttachment);
    connect(m_text, &QPlainTextEdit::textChanged, this, &Composer::updateLength);
    m_modeTimer.setSingleShot(true);
    connect(&m_modeTimer, &QTimer::timeout, this, &Composer::updateMode);
    updateMode();
}

Composer::~Composer() = default;

void Composer::retranslate()
{
    m_text->setAccessibleName(tr("Message"));
    m_templates->setText(tr("Templates\u2026"));
    m_templates->setAccessibleName(tr("Send a template"));
    m_templates->setToolTip(tr("Choose a template to send (Ctrl+T)"));
    m_attach->setText(tr("Attach\u2026"));
    m_attach->setAccessibleName(tr("Attach a file"));
    m_attach->setToolTip(tr("Attach a photo or a file to send (Ctrl+Shift+A), or drop one here"));
    m_send->setText(tr("Send"));
    m_send->setAccessibleName(tr("Send the message"));
    m_send->setToolTip(m_enterSends ? tr("Send (Enter; Shift+Enter starts a new line)")
                                    : tr("Send (Ctrl+Enter)"));
}

void Composer::setEnterSends(bool enterSends)
{
    m_enterSends = enterSends;
    retranslate();
}

void Composer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateMode();
    }
    QWidget::changeEvent(event);
}

void Composer::setOutbox(client::Outbox *outbox)
{
    m_outbox = outbox;
}

void Composer::setChatroom(const std::optional<Chatroom> &chatroom, const UserId &viewerId)
{
    const bool another = !chatroom || !m_chatroom || chatroom->id != m_chatroom->id;
    m_chatroom = chatroom;
    m_viewerId = viewerId;
    if (another) {
        m_text->clear(); // a draft belongs to its chatroom
        removeAttachment();
    }
    updateMode();
}

QString Composer::text() const
{
    return m_text->toPlainText();
}

void Composer::setText(const QString &text)
{
    m_text->setPlainText(text);
}

void Composer::focusText()
{
    if (m_text->isEnabled())
        m_text->setFocus(Qt::OtherFocusReason);
    else if (m_templates->isEnabled())
        m_templates->setFocus(Qt::OtherFocusReason);
}

void Composer::updateMode()
{
    const QDateTime now = m_clock.now();
    m_mode = ComposerMode::forChatroom(m_chatroom ? &*m_chatroom : nullptr, m_viewerId, now);
    const bool textMode = m_mode.kind == ComposerMode::Kind::Text;
    const bool canSend = m_mode.kind != ComposerMode::Kind::Disabled;
    m_text->setEnabled(textMode);
    m_text->setPlaceholderText(textMode ? tr("Write a message") : QString());
    m_templates->setEnabled(canSend);
    m_templates->setDefault(m_mode.kind == ComposerMode::Kind::TemplatesOnly);
    m_attach->setEnabled(canAttach());
    updateLength();

    qint64 waitMs = kRefreshMs;
    if (m_mode.nextChange.isValid())
        waitMs = std::clamp<qint64>(now.msecsTo(m_mode.nextChange) + 1, 1, kRefreshMs);
    if (canSend)
        m_modeTimer.start(std::chrono::milliseconds(waitMs));
    else
        m_modeTimer.stop();
}

void Composer::updateLength()
{
    if (m_upload) {
        updateSendable();
        return;
    }
    const int length = int(text().trimmed().size());
    const int over = length - kMaxTextLength;
    const bool textMode = m_mode.kind == ComposerMode::Kind::Text;
    m_send->setEnabled(textMode && length > 0 && over <= 0);
    m_counter->setVisible(textMode && length > kCounterFrom);
    const QLocale locale;
    m_counter->setText(tr("%1 / %2").arg(locale.toString(length), locale.toString(kMaxTextLength)));
    QFont counterFont = m_counter->font();
    counterFont.setBold(over > 0);
    m_counter->setFont(counterFont);
    m_counter->setForegroundRole(over > 0 ? QPalette::WindowText : QPalette::PlaceholderText);
    if (textMode && over > 0)
        showNotice(tooLongForOneMessage(over), true);
    else
        showNotice(m_chatroom ? m_mode.reason : QString(), false);
}

QString Composer::tooLongForOneMessage(int over)
{
    return tr("Too long for one WhatsApp message: %n character(s) over the limit of %1. Shorten it or send "
              "it "
              "in two parts.",
              nullptr, over)
        .arg(QLocale().toString(kMaxTextLength));
}

void Composer::takeBack(const QString &words)
{
    const QString draft = text().trimmed();
    setText(draft.isEmpty() ? words : draft + QStringLiteral("\n\n") + words);
    m_text->moveCursor(QTextCursor::End);
    focusText();
}

bool Composer::send()
{
    updateMode(); // the window may have closed since the last check
    if (m_upload)
        return sendAttachment();
    const QString message = text().trimmed();
    if (m_mode.kind != ComposerMode::Kind::Text || message.isEmpty() || !m_outbox || !m_chatroom)
        return false;
    if (message.size() > kMaxTextLength)
        return false; // the server would refuse it; the box says so and keeps every word
    const auto queued = m_outbox->enqueueText(m_chatroom->id, message);
    if (!queued) {
        showNotice(tr("The message could not be stored: %1").arg(queued.error().description), true);
        return false;
    }
    m_text->clear();
    Q_EMIT textQueued(queued->localId);
    return true;
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+T belongs to the composer while it has the focus, ahead of the window's shortcut for the same key.
    if (watched == m_text && event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->modifiers() & Qt::ControlModifier) && key->key() == Qt::Key_T) {
            event->accept();
            return true;
        }
    }
    if (watched == m_text && event->type() == QEvent::KeyPress && handleKey(static_cast<QKeyEvent *>(event)))
        return true;
    // Files dropped on the text are attached, not pasted as their paths; dragged text and links stay text.
    if ((watched == m_text->viewport() || watched == m_text) && isFileDrag(event)) {
        auto *drop = static_cast<QDropEvent *>(event);
        if (event->type() == QEvent::Drop) {
            drop->acceptProposedAction();
            dropFiles(drop->mimeData());
        } else if (acceptsDrag(drop->mimeData())) {
            drop->acceptProposedAction();
        } else {
            drop->ignore(); // outside the window: a file cannot go, and its path is no message either
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool Composer::handleKey(const QKeyEvent *key)
{
    if (isUnclaimedShortcutKey(key))
        return true; // Alt+2 for a view the user does not have types nothing
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    if (modifiers == Qt::ControlModifier && key->key() == Qt::Key_T) {
        Q_EMIT templatesWanted();
        return true;
    }
    if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter)
        return false;
    if (modifiers == Qt::ControlModifier || (m_enterSends && modifiers == Qt::NoModifier)) {
        send();
        return true;
    }
    if (modifiers == Qt::ShiftModifier) {
        // A new paragraph, as plain Enter makes it (Qt's own Shift+Enter would insert a line separator).
        m_text->textCursor().insertBlock();
        return true;
    }
    return false;
}

void Composer::showNotice(const QString &text, bool problem)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    m_notice->setForegroundRole(problem ? QPalette::WindowText : QPalette::PlaceholderText);
}

} // namespace handover
