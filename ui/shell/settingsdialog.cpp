#include "ui/shell/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace handover {

QList<std::pair<QString, QString>> SettingsDialog::languages()
{
    // Each language in its own name, as language pickers do.
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("pt_BR"), QStringLiteral("Portugu\u00eas (Brasil)")}};
}

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("The system's language"), QString());
    for (const auto &[code, name] : languages())
        m_language->addItem(name, code);
    m_notifications = new QCheckBox(tr("Show desktop notifications"), this);
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_enterSends = new QCheckBox(tr("&Enter sends a message (Shift+Enter starts a new line)"), this);
    m_enterSends->setObjectName(QStringLiteral("enterSendsCheck"));
    m_enterSends->setToolTip(tr("Off: Enter starts a new line and Ctrl+Enter sends."));
    m_tokenStorage = new QLabel(this);
    m_tokenStorage->setObjectName(QStringLiteral("tokenStorage"));
    m_tokenStorage->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_notifications);
    form->addRow(QString(), m_enterSends);
    form->addRow(tr("Session:"), m_tokenStorage);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

void SettingsDialog::setLanguage(const QString &language)
{
    const int index = m_language->findData(language);
    m_language->setCurrentIndex(index < 0 ? 0 : index);
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::setNotificationsEnabled(bool enabled)
{
    m_notifications->setChecked(enabled);
}

bool SettingsDialog::notificationsEnabled() const
{
    return m_notifications->isChecked();
}

void SettingsDialog::setEnterSends(bool enterSends)
{
    m_enterSends->setChecked(enterSends);
}

bool SettingsDialog::enterSends() const
{
    return m_enterSends->isChecked();
}

void SettingsDialog::setTokenStorageText(const QString &text)
{
    m_tokenStorage->setText(text);
}

} // namespace handover
