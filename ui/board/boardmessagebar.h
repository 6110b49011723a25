#pragma once

#include <QFrame>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace handover {

// The board's inline line of news: what a reassignment is doing, or why it failed, with at most one action
// (Undo) offered for a while. Not a dialog: the board stays usable, and the text stays until the next news
// or until dismissed.
class BoardMessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind
    {
        Progress, // a reassignment on its way
        Done,
        Failure,
    };

    explicit BoardMessageBar(QWidget *parent = nullptr);
    ~BoardMessageBar() override;

    void showMessage(Kind kind, const QString &text);
    // A button beside the message ("Undo") for `ms` milliseconds, or until the next message.
    void offerAction(const QString &text, int ms);
    bool isActionOffered() const;
    void dismiss();
    QString text() const;
    Kind kind() const { return m_kind; }
    bool isShowing() const { return !isHidden(); }

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    Kind m_kind = Kind::Done;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_action;
    QToolButton *m_close;
    QTimer m_actionTimer;
};

} // namespace handover
