#pragma once

#include "client/mediaupload.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QToolButton;

namespace handover {

// The file attached in the composer, above the text: its kind and name, its size, the upload's progress and
// how it went, and a button that removes it.
class AttachmentStrip final : public QFrame
{
    Q_OBJECT

public:
    explicit AttachmentStrip(QWidget *parent = nullptr);
    ~AttachmentStrip() override;

    void showAttachment(const client::Attachment &attachment);
    void setProgress(qint64 sent, qint64 total);
    // A line under the name: how the upload went (`problem`: it failed).
    void setStatus(const QString &text, bool problem);
    QString status() const;
    int progress() const; // percent

Q_SIGNALS:
    void removeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_name = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_remove = nullptr;
};

} // namespace handover
