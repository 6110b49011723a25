#include "ui/conversation/attachmentstrip.h"

#include "ui/common/messagewording.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace handover {

AttachmentStrip::AttachmentStrip(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("attachmentStrip"));
    setFrameShape(QFrame::StyledPanel);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("attachmentName"));
    m_name->setTextFormat(Qt::PlainText);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("attachmentStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("attachmentProgress"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_remove = new QToolButton(this);
    m_remove->setObjectName(QStringLiteral("attachmentRemove"));
    m_remove->setText(QStringLiteral("\u2715"));
    m_remove->setAutoRaise(true);
    retranslate();

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->addWidget(m_name, 0, 0);
    layout->addWidget(m_remove, 0, 1, 2, 1, Qt::AlignTop);
    layout->addWidget(m_progress, 1, 0);
    layout->addWidget(m_status, 2, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    connect(m_remove, &QToolButton::clicked, this, &AttachmentStrip::removeRequested);
    hide();
}

AttachmentStrip::~AttachmentStrip() = default;

void AttachmentStrip::retranslate()
{
    m_remove->setToolTip(tr("Remove the attachment"));
    m_remove->setAccessibleName(tr("Remove the attachment"));
    m_progress->setAccessibleName(tr("Upload"));
}

void AttachmentStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void AttachmentStrip::showAttachment(const client::Attachment &attachment)
{
    m_name->setText(tr("%1 %2 \u00b7 %3")
                        .arg(MessageWording::kindIcon(attachment.kind), attachment.fileName,
                             MessageWording::fileSize(attachment.size)));
    m_name->setToolTip(attachment.path);
    m_progress->setValue(0);
    m_progress->show();
    setStatus(tr("Uploading\u2026"), false);
    show();
}

void AttachmentStrip::setProgress(qint64 sent, qint64 total)
{
    m_progress->setValue(total > 0 ? int(std::min<qint64>(100, sent * 100 / total)) : 0);
}

void AttachmentStrip::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setForegroundRole(problem ? QPalette::WindowText : QPalette::PlaceholderText);
    QFont font = m_status->font();
    font.setBold(problem);
    m_status->setFont(font);
}

QString AttachmentStrip::status() const
{
    return m_status->text();
}

int AttachmentStrip::progress() const
{
    return m_progress->value();
}

} // namespace handover
