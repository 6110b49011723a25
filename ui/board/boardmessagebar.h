#pragma once

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace handover {

// The board's inline line of news: what a reassignment is doing, or why it failed. Not a dialog: the board
// stays usable, and the text stays until the next news or until dismissed.
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
    void dismiss();
    QString text() const;
    Kind kind() const { return m_kind; }
    bool isShowing() const { return !isHidden(); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    Kind m_kind = Kind::Done;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace handover
