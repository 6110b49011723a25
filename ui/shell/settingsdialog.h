#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;

namespace handover {

// The console's settings that are the user's to choose: the language (the system's by default), desktop
// notifications and what Enter does in the composer; and where the session token is kept, said plainly.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // A locale name ("de", "pt_BR"), empty for the system's language.
    void setLanguage(const QString &language);
    QString language() const;
    void setNotificationsEnabled(bool enabled);
    bool notificationsEnabled() const;
    void setEnterSends(bool enterSends);
    bool enterSends() const;
    void setTokenStorageText(const QString &text);

    static QList<std::pair<QString, QString>> languages(); // {locale name, its own name}

private:
    QComboBox *m_language = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_enterSends = nullptr;
    QLabel *m_tokenStorage = nullptr;
};

} // namespace handover
