#pragma once

#include <QSettings>
#include <QUrl>
#include <memory>

namespace handover::console {

// The console's QSettings, by name. A configured server makes the next start connect to it instead of
// starting local mode.
class ConsoleSettings
{
public:
    explicit ConsoleSettings(const QString &file = {});

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString lastEmail() const;
    QString lastUserId() const;
    void setLastUser(const QString &email, const QString &userId);
    QString language() const; // empty: the system's
    void setLanguage(const QString &language);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace handover::console
