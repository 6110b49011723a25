#include "ui/shell/logindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace handover {

namespace {

QString signInProblem(const client::ApiError &error)
{
    if (error.kind == client::ApiError::Kind::Network)
        return LoginDialog::tr("The server cannot be reached: %1").arg(error.error.description);
    if (error.httpStatus == 401)
        return LoginDialog::tr("The email or the password is wrong.");
    if (error.httpStatus == 429)
        return LoginDialog::tr("Too many attempts: try again in a minute.");
    return LoginDialog::tr("The server refused to sign you in: %1").arg(error.message());
}

} // namespace

LoginDialog::LoginDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Connect to a Handover server"));
    m_server = new QLineEdit(this);
    m_server->setObjectName(QStringLiteral("serverUrl"));
    m_server->setPlaceholderText(QStringLiteral("https://handover.example.com"));
    m_server->setAccessibleName(tr("Server address"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setAccessibleName(tr("Email"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("signInButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);
}

void LoginDialog::setServerUrl(const QUrl &url)
{
    m_server->setText(url.toString());
}

void LoginDialog::setEmail(const QString &email)
{
    m_email->setText(email);
    if (!email.isEmpty())
        m_password->setFocus();
}

void LoginDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void LoginDialog::accept()
{
    const QUrl url = QUrl::fromUserInput(m_server->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        showError(tr("Enter the server's address, for example https://handover.example.com."));
        m_server->setFocus();
        return;
    }
    if (m_email->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter your email and password."));
        return;
    }
    setBusy(true);
    m_error->hide();
    client::ConsoleSession::signIn(url, m_email->text().trimmed(), m_password->text(), this,
                                   [this](client::ApiResult<client::SignedInUser> result) {
                                       setBusy(false);
                                       if (!result) {
                                           showError(signInProblem(result.error()));
                                           return;
                                       }
                                       m_signedIn = std::move(result).value();
                                       m_password->clear();
                                       QDialog::accept();
                                   });
}

void LoginDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setText(busy ? tr("Signing in\u2026") : tr("Sign in"));
    for (QLineEdit *edit : {m_server, m_email, m_password})
        edit->setEnabled(!busy);
}

void LoginDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

} // namespace handover
