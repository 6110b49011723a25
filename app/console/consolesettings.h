#pragma once

#include "core/domain/org.h"

#include <QSettings>
#include <QUrl>
#include <memory>
#include <optional>

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
    // Who signed in last, as the server described them: lets the console open its cache while the server is
    // away at start.
    std::optional<User> lastUser() const;
    void setLastUser(const User &user);
    QString language() const; // empty: the system's
    void setLanguage(const QString &language);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    bool enterSends() const; // true unless turned off: Enter sends, Shift+Enter starts a new line
    void setEnterSends(bool enterSends);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    // Local mode's webhook deliveries panel: shown to supervisors and admins until they close it.
    bool webhookPanelClosed() const;
    void setWebhookPanelClosed(bool closed);
    // The chatroom open when the console closed and what its composer held, for the user who had it open.
    struct OpenChatroom
    {
        QString userId;
        QString chatroomId;
        QString draft;
    };
    OpenChatroom openChatroom() const;
    void setOpenChatroom(const OpenChatroom &open);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace handover::console
