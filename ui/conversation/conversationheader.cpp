#include "ui/conversation/conversationheader.h"

#include <QEvent>

#include "core/clock.h"
#include "ui/chatroomlist/chatroomdelegate.h"
#include "ui/conversation/conversationtext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace handover {

ConversationHeader::ConversationHeader(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("conversationHeader"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("conversationTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    if (titleFont.pointSizeF() > 0)
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("conversationDetails"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_window = new QLabel(this);
    m_window->setObjectName(QStringLiteral("conversationWindow"));
    m_window->setTextFormat(Qt::PlainText);
    m_window->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_noticeBox = new QWidget(this);
    m_noticeBox->setObjectName(QStringLiteral("handoverNoticeBox"));
    m_noticeBox->setAutoFillBackground(true);
    m_noticeBox->setBackgroundRole(QPalette::AlternateBase);
    m_notice = new QLabel(m_noticeBox);
    m_notice->setObjectName(QStringLiteral("handoverNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    auto *dismiss = new QToolButton(m_noticeBox);
    dismiss->setObjectName(QStringLiteral("handoverNoticeDismiss"));
    dismiss->setText(tr("\u00d7"));
    dismiss->setAccessibleName(tr("Dismiss the notice"));
    dismiss->setAutoRaise(true);
    auto *noticeLayout = new QHBoxLayout(m_noticeBox);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(dismiss);
    connect(dismiss, &QToolButton::clicked, this, [this] {
        setNotice({});
        Q_EMIT noticeDismissed();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_window);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_details);
    layout->addWidget(m_noticeBox);
    setNotice({});
    refresh();
}

ConversationHeader::~ConversationHeader() = default;

void ConversationHeader::setChatroom(const std::optional<Chatroom> &chatroom, const UserId &viewerId,
                                     const QHash<UserId, QString> &names)
{
    m_chatroom = chatroom;
    m_viewerId = viewerId;
    m_names = names;
    refresh();
}

void ConversationHeader::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_noticeBox->setVisible(!text.isEmpty());
}

QString ConversationHeader::notice() const
{
    return m_notice->text();
}

QString ConversationHeader::titleText() const
{
    if (!m_chatroom)
        return {};
    return m_chatroom->displayName.isEmpty() ? m_chatroom->phoneNumber : m_chatroom->displayName;
}

QString ConversationHeader::detailsText() const
{
    if (!m_chatroom)
        return {};
    QStringList names;
    for (const Participant &p : m_chatroom->participants)
        names.append(ConversationText::agentName(p.userId, m_viewerId, m_names));
    QString participants;
    if (!names.isEmpty())
        participants = tr("Participants: %1").arg(names.join(tr(", ")));
    else if (m_chatroom->pendingHandover)
        participants = tr("Awaiting handover");
    else
        participants = tr("No participants");
    return tr("%1 \u00b7 %2").arg(m_chatroom->phoneNumber, participants);
}

QString ConversationHeader::windowText() const
{
    if (!m_chatroom)
        return {};
    switch (m_chatroom->state) {
    case ChatroomState::Deactivated:
        return tr("Deactivated");
    case ChatroomState::Expired:
        return tr("Expired");
    case ChatroomState::Active:
        break;
    }
    const QDateTime now = m_clock.now();
    const QDateTime expires = m_chatroom->windowExpiresAt();
    if (!expires.isValid())
        return tr("The customer has not written yet");
    if (now < expires)
        return tr("Window: %1").arg(ChatroomDelegate::windowTimeLeft(expires, now));
    return tr("Window closed %1 ago").arg(ConversationText::duration(expires.secsTo(now)));
}

void ConversationHeader::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void ConversationHeader::refresh()
{
    m_title->setText(m_chatroom ? titleText() : tr("No chatroom open"));
    m_details->setText(detailsText());
    m_details->setVisible(m_chatroom.has_value());
    m_window->setText(windowText());
}

} // namespace handover
