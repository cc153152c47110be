/** The shapes of the service's JSON, as in docs/openapi.json. */

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: FieldProblem[];
}

export interface FieldProblem {
  field?: string;
  code?: string;
  message?: string;
  reason?: string;
  detail?: string;
  [key: string]: unknown;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  role: string;
  refreshToken?: string;
  passwordChangeRequired?: boolean;
}

export interface InboxContact {
  id: string;
  name?: string;
  phoneNumber?: string;
  userId?: string;
}

export interface LastMessage {
  content?: string;
  timestamp?: string;
  type?: string;
}

export interface InboxItem {
  id: string;
  contact: InboxContact;
  assignee?: string | null;
  status: string;
  unreadCount: number;
  lastActivityAt?: string;
  lastMessage?: LastMessage | null;
  slaDueAt?: string | null;
  snoozedUntil?: string | null;
  escalatedAt?: string | null;
  windowClosesAt?: string | null;
  windowOpen: boolean;
  /** Set when the customer's latest message reached us late (after an outage): by how many seconds. */
  arrivedLateBySeconds?: number | null;
}

export interface Delivery {
  status?: string;
  at?: string;
  errorCode?: number;
  errorTitle?: string;
  errorDetails?: string;
}

export interface Media {
  id?: string;
  link?: string;
  caption?: string;
  filename?: string;
}

export interface TimelineMessage {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound' | 'note' | string;
  wamid?: string;
  type: string;
  text?: string | null;
  media?: Media | null;
  detail?: string | null;
  replyToWamid?: string | null;
  reaction?: { messageId?: string; emoji?: string } | null;
  customerReaction?: string | null;
  editedText?: string | null;
  revoked?: boolean;
  forwarded?: boolean;
  sender?: string | null;
  timestamp: string;
  delivery?: Delivery | null;
  send?: { state?: string; errorClass?: string; errorCode?: number; errorTitle?: string } | null;
  /** A customer message that reached us late (after an outage): when, and how many seconds after it was written. */
  arrivedLate?: { receivedAt: string; bySeconds: number } | null;
}

export interface ParameterSource {
  source?: string;
  value?: string;
  fallback?: string;
}

/** One of our WhatsApp numbers (GET /api/numbers); the default one first. */
export interface BusinessNumberView {
  phoneNumberId: string;
  isDefault: boolean;
  displayPhoneNumber?: string | null;
  qualityRating?: string | null;
  messagesPerSecond: number;
}

export interface TemplateView {
  name: string;
  language: string;
  templateId?: string;
  status?: string;
  category?: string;
  componentsJson?: string;
  bodyParameterCount: number;
}

export interface ContactSummary {
  id: string;
  name?: string;
  profileName?: string;
  phoneNumber?: string;
  userId?: string;
  optedOut: boolean;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt?: string;
}

export interface CampaignSummary {
  id: string;
  name: string;
  status: string;
  templateName?: string;
  language?: string;
  recipients?: number;
  queued?: number;
  sent?: number;
  createdAt?: string;
  startAt?: string;
  startedAt?: string;
  completedAt?: string;
}

export interface Counts {
  entries?: number;
  recipients?: number;
  pending?: number;
  queued?: number;
  sent?: number;
  delivered?: number;
  read?: number;
  failed?: number;
  replied?: number;
  excluded?: Record<string, number>;
  failedByErrorCode?: Record<string, number>;
}

export interface CampaignProgress {
  id: string;
  name: string;
  status: string;
  /** The business number it sends from; absent: the default number (campaigns older than numbers). */
  phoneNumberId?: string | null;
  content?: { templateName?: string; language?: string; bodyParameters?: string[] };
  tags?: string[];
  progress?: Counts;
  startAt?: string;
  startedAt?: string;
  pausedAt?: string;
  pauseReason?: string;
  completedAt?: string;
  cancelledAt?: string;
  estimatedCompletionAt?: string;
  uploadedPhoneNumbers?: number;
  waiting?: { reason?: string; until?: string };
}

export interface CampaignRecipient {
  entry?: string;
  contactId?: string;
  conversationId?: string;
  status: string;
  statusAt?: string;
  reason?: string;
  errorCode?: number;
  errorTitle?: string;
}

export interface AudienceUploadResult {
  id: string;
  phoneNumbers: number;
  rejected: number;
  rejectedRows: { row: number; phone?: string; code?: string; reason?: string }[];
}

export interface UserView {
  id: string;
  email: string;
  displayName?: string;
  role: string;
  enabled: boolean;
  available?: boolean;
}

export interface AgentSummary {
  id: string;
  email?: string;
  name?: string;
  role?: string;
  status?: string;
  openConversations?: number;
  enabled?: boolean;
}

export interface ProcessorView {
  name: string;
  mode?: string;
  running?: boolean;
  error?: boolean;
  replaying?: boolean;
  replayProgress?: number | null;
  position?: number;
  head?: number;
  lag?: number;
  eventsPerSecond?: number;
  segmentsClaimed?: number;
  segmentsTotal?: number;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  text: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface LiveUpdate {
  kind: 'message' | 'conversation';
  event: string;
  conversationId: string;
  at: string;
}
