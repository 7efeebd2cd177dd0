// The console's calls for teams, routing rules and assignment (server/routing/routes.ts).
import type { Assignment, TeamsResponse } from '../protocol/routing.ts';
import type { ConsoleApi } from './api.ts';

export const routingApi = (api: ConsoleApi) => ({
  teams: () => api.request<TeamsResponse>('GET', '/api/console/teams'),
  createTeam: (name: string) => api.request<TeamsResponse>('POST', '/api/console/teams', { name }),
  updateTeam: (id: string, name: string, reviewTrainees: boolean) => api.request<TeamsResponse>('POST', `/api/console/teams/${encodeURIComponent(id)}`, { name, reviewTrainees }),
  deleteTeam: (id: string) => api.request<TeamsResponse>('DELETE', `/api/console/teams/${encodeURIComponent(id)}`),
  setMember: (teamId: string, agentId: string, body: { role?: string; capacity?: number }) =>
    api.request<TeamsResponse>('POST', `/api/console/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(agentId)}`, body),
  removeMember: (teamId: string, agentId: string) =>
    api.request<TeamsResponse>('DELETE', `/api/console/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(agentId)}`),
  addRule: (rule: { teamId: string; words: string[]; categories: string[]; locale: string | null; channel: string | null }) =>
    api.request<TeamsResponse>('POST', '/api/console/routing-rules', rule),
  moveRule: (id: number, direction: 'up' | 'down') => api.request<TeamsResponse>('POST', `/api/console/routing-rules/${id}/move`, { direction }),
  deleteRule: (id: number) => api.request<TeamsResponse>('DELETE', `/api/console/routing-rules/${id}`),
  assignment: (conversationId: string) => api.request<Assignment>('GET', `/api/console/conversations/${encodeURIComponent(conversationId)}/assignment`),
  claim: (conversationId: string) => api.request<Assignment>('POST', `/api/console/conversations/${encodeURIComponent(conversationId)}/claim`),
  assign: (conversationId: string, agentId: string) => api.request<Assignment>('POST', `/api/console/conversations/${encodeURIComponent(conversationId)}/assign`, { agentId }),
  transfer: (conversationId: string, teamId: string | null, note: string) =>
    api.request<Assignment>('POST', `/api/console/conversations/${encodeURIComponent(conversationId)}/transfer`, { teamId, note }),
});

/** Splits "factura, cobro ,  IVA" into ["factura", "cobro", "IVA"]. */
export const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
