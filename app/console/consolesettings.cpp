#include "app/console/consolesettings.h"

#include "core/json/apicodec.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace handover::console {

namespace {
const QString kServer = QStringLiteral("server/url");
const QString kEmail = QStringLiteral("server/email");
const QString kUserId = QStringLiteral("server/user_id");
const QString kUser = QStringLiteral("server/user");
const QString kLanguage = QStringLiteral("ui/language");
const QString kNotifications = QStringLiteral("ui/notifications");
const QString kEnterSends = QStringLiteral("ui/enter_sends");
const QString kGeometry = QStringLiteral("ui/window_geometry");
const QString kWebhookPanelClosed = QStringLiteral("ui/webhook_panel_closed");
const QString kOpenUser = QStringLiteral("restore/user_id");
const QString kOpenChatroom = QStringLiteral("restore/chatroom_id");
const QString kOpenDraft = QStringLiteral("restore/draft");
} // namespace

ConsoleSettings::ConsoleSettings(const QString &file)
    : m_settings(file.isEmpty() ? std::make_unique<QSettings>()
                                : std::make_unique<QSettings>(file, QSettings::IniFormat))
{}

QUrl ConsoleSettings::serverUrl() const
{
    return m_settings->value(kServer).toUrl();
}

void ConsoleSettings::setServerUrl(const QUrl &url)
{
    if (url.isEmpty())
        m_settings->remove(kServer);
    else
        m_settings->setValue(kServer, url);
}

QString ConsoleSettings::lastEmail() const
{
    return m_settings->value(kEmail).toString();
}

QString ConsoleSettings::lastUserId() const
{
    return m_settings->value(kUserId).toString();
}

std::optional<User> ConsoleSettings::lastUser() const
{
    const QJsonObject json = QJsonDocument::fromJson(m_settings->value(kUser).toByteArray()).object();
    Result<User> user = userFromJson(json);
    if (!user || user->id != lastUserId())
        return std::nullopt;
    return std::move(user).value();
}

void ConsoleSettings::setLastUser(const User &user)
{
    m_settings->setValue(kEmail, user.email);
    m_settings->setValue(kUserId, user.id);
    m_settings->setValue(kUser, QJsonDocument(userToJson(user)).toJson(QJsonDocument::Compact));
}

QString ConsoleSettings::language() const
{
    return m_settings->value(kLanguage).toString();
}

void ConsoleSettings::setLanguage(const QString &language)
{
    m_settings->setValue(kLanguage, language);
}

bool ConsoleSettings::notificationsEnabled() const
{
    return m_settings->value(kNotifications, true).toBool();
}

void ConsoleSettings::setNotificationsEnabled(bool enabled)
{
    m_settings->setValue(kNotifications, enabled);
}

bool ConsoleSettings::enterSends() const
{
    return m_settings->value(kEnterSends, true).toBool();
}

void ConsoleSettings::setEnterSends(bool enterSends)
{
    m_settings->setValue(kEnterSends, enterSends);
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kGeometry, geometry);
}

bool ConsoleSettings::webhookPanelClosed() const
{
    return m_settings->value(kWebhookPanelClosed, false).toBool();
}

void ConsoleSettings::setWebhookPanelClosed(bool closed)
{
    m_settings->setValue(kWebhookPanelClosed, closed);
}

ConsoleSettings::OpenChatroom ConsoleSettings::openChatroom() const
{
    return {m_settings->value(kOpenUser).toString(), m_settings->value(kOpenChatroom).toString(),
            m_settings->value(kOpenDraft).toString()};
}

void ConsoleSettings::setOpenChatroom(const OpenChatroom &open)
{
    m_settings->setValue(kOpenUser, open.userId);
    m_settings->setValue(kOpenChatroom, open.chatroomId);
    m_settings->setValue(kOpenDraft, open.draft);
}

} // namespace handover::console
