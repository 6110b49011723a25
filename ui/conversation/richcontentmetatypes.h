#pragma once

#include "core/domain/richcontent.h"

#include <QMetaType>

// Rich message parts travel in QVariants (ConversationModel's roles) and in signals.
Q_DECLARE_METATYPE(handover::MediaAttachment)
Q_DECLARE_METATYPE(handover::Location)
Q_DECLARE_METATYPE(handover::InteractiveReply)
Q_DECLARE_METATYPE(handover::SharedContact)
Q_DECLARE_METATYPE(handover::Reaction)
