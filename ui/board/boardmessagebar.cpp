#include "ui/board/boardmessagebar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace handover {

BoardMessageBar::BoardMessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("boardMessageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text->setObjectName(QStringLiteral("boardMessage"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_action->setObjectName(QStringLiteral("boardMessageAction"));
    m_action->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_action->hide();
    m_actionTimer.setSingleShot(true);
    connect(&m_actionTimer, &QTimer::timeout, m_action, &QWidget::hide);
    connect(m_action, &QToolButton::clicked, this, [this] {
        m_actionTimer.stop();
        m_action->hide();
        Q_EMIT actionTriggered();
    });
    m_close->setObjectName(QStringLiteral("boardMessageDismiss"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss the message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &BoardMessageBar::dismiss);
    setHidden(true);
}

BoardMessageBar::~BoardMessageBar() = default;

void BoardMessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_actionTimer.stop();
    m_action->hide();
    m_text->setText(text);
    setAccessibleName(text);
    m_text->setAccessibleName(text);
    updateIcon();
    setHidden(false);
}

void BoardMessageBar::offerAction(const QString &text, int ms)
{
    m_action->setText(text);
    m_action->setAccessibleName(text);
    m_action->show();
    m_actionTimer.start(ms);
}

bool BoardMessageBar::isActionOffered() const
{
    return !m_action->isHidden();
}

void BoardMessageBar::dismiss()
{
    m_actionTimer.stop();
    m_action->hide();
    m_text->clear();
    setHidden(true);
}

QString BoardMessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void BoardMessageBar::updateIcon()
{
    const QStyle::StandardPixmap which =
        m_kind == Kind::Failure ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(which, nullptr, this).pixmap(size, size));
    m_icon->setAccessibleName(m_kind == Kind::Failure ? tr("Failed") : tr("Information"));
}

void BoardMessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::StyleChange)
        updateIcon();
}

} // namespace handover
