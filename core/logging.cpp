#include "logging.h"

Q_LOGGING_CATEGORY(lcCore, "handover.core")
Q_LOGGING_CATEGORY(lcRules, "handover.rules")
Q_LOGGING_CATEGORY(lcStore, "handover.store")
Q_LOGGING_CATEGORY(lcHttp, "handover.http")
Q_LOGGING_CATEGORY(lcSync, "handover.sync")
Q_LOGGING_CATEGORY(lcWhatsApp, "handover.whatsapp")
Q_LOGGING_CATEGORY(lcWebhook, "handover.webhook")
Q_LOGGING_CATEGORY(lcClient, "handover.client")
Q_LOGGING_CATEGORY(lcUi, "handover.ui")
