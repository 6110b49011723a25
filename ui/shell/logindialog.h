#pragma once

#include "client/consolesession.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace handover {

// Signs in to a Handover server: its address, an email and a password. The dialog stays open with the
// server's reason when signing in fails.
class LoginDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(QWidget *parent = nullptr);

    void setServerUrl(const QUrl &url);
    void setEmail(const QString &email);
    void setMessage(const QString &text); // why the dialog is shown ("Your session has ended.")
    const client::SignedInUser &signedIn() const { return m_signedIn; }

    void accept() override;

private:
    void setBusy(bool busy);
    void showError(const QString &text);

    QLineEdit *m_server = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    client::SignedInUser m_signedIn;
};

} // namespace handover
