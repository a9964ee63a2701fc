import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BoardItemBody,
  CloseBoardActionBody,
  CreateRiskBody,
  IdParams,
  BoardRecord,
  NarrativeBody,
  NarrativeThemeParams,
  RiskDetail,
  RiskList,
  RiskReviewBody,
  UpdateRiskBody,
  WithdrawBoardItemBody,
} from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import {
  IfMatchHeaders,
  listOf,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  setEtag,
  VERSIONED_WRITE_PROBLEMS,
  WRITE_PROBLEMS,
} from './http.js';

/** The board's record: narrative, risk register, decisions and board actions. */
const boardRecordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const board = app.services.boardRecord;

  app.get(
    '/meetings/:id/record',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['board record'],
        summary: 'A meeting’s narrative, risks, decisions, board actions and matters arising',
        description: 'A locked meeting answers what was frozen when it was locked (frozen: true).',
        params: IdParams,
        response: { 200: BoardRecord, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => board.record(actorOf(request), request.params.id),
  );

  app.put(
    '/meetings/:id/narrative/summary',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['board record'],
        summary: 'Write the meeting’s executive summary (before the papers cut-off)',
        description: 'If-Match: "summary<meetingId>-v<version>" (version 0 before it is first written).',
        params: IdParams,
        headers: IfMatchHeaders,
        body: NarrativeBody,
        response: { 200: BoardRecord, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'summary', id);
      return board.writeNarrative(actorOf(request), id, null, version, request.body.text);
    },
  );

  app.put(
    '/meetings/:id/narrative/themes/:themeId',
    {
      config: { access: ['admin', 'lead'] },
      schema: {
        tags: ['board record'],
        summary: 'Write a theme’s narrative for the meeting (an administrator or a lead of the theme)',
        description: 'If-Match: "themenarrative<themeId>-v<version>" (version 0 before it is first written).',
        params: NarrativeThemeParams,
        headers: IfMatchHeaders,
        body: NarrativeBody,
        response: { 200: BoardRecord, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id, themeId } = request.params;
      const version = requireIfMatch(request, 'themenarrative', themeId);
      return board.writeNarrative(actorOf(request), id, themeId, version, request.body.text);
    },
  );

  app.post(
    '/meetings/:id/board-items',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['board record'],
        summary: 'Record a decision or a board action at the meeting',
        description: 'A board action needs an owner and a due date.',
        params: IdParams,
        body: BoardItemBody,
        response: { 201: BoardRecord, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(board.recordItem(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/board-actions/:id/close',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['board record'],
        summary: 'Close a board action at a meeting (records who, when and at which meeting)',
        description:
          'If-Match: "boardaction<id>-v<version>". Answers the record of the meeting it was closed at.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: CloseBoardActionBody,
        response: { 200: BoardRecord, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return board.closeAction(
        actorOf(request),
        id,
        requireIfMatch(request, 'boardaction', id),
        request.body,
      );
    },
  );

  app.post(
    '/board-items/:id/withdraw',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['board record'],
        summary: 'Withdraw a decision or board action recorded in error (kept, with who, when and why)',
        description:
          'If-Match: "boarditem<id>-v<version>". Only before its meeting is locked (409 after); a withdrawn ' +
          'item leaves the pack and matters arising, and is listed on its meeting as withdrawn. Answers the ' +
          'record of its meeting.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: WithdrawBoardItemBody,
        response: { 200: BoardRecord, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return board.withdrawItem(actorOf(request), id, requireIfMatch(request, 'boarditem', id), request.body);
    },
  );

  app.get(
    '/plans/:id/risks',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['board record'],
        summary: 'The plan’s risk register: open risks by score, then closed ones',
        params: IdParams,
        response: { 200: RiskList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(board.risks(request.params.id)),
  );

  app.post(
    '/plans/:id/risks',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['board record'],
        summary: 'Raise a risk, with its first score',
        params: IdParams,
        body: CreateRiskBody,
        response: { 201: RiskDetail, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const risk = board.createRisk(actorOf(request), request.params.id, request.body);
      setEtag(reply, 'risk', risk.id, risk.version);
      return reply.code(201).send(risk);
    },
  );

  app.get(
    '/risks/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['board record'],
        summary: 'A risk with its score history, newest first',
        params: IdParams,
        response: { 200: RiskDetail, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const risk = board.risk(actorOf(request), request.params.id);
      setEtag(reply, 'risk', risk.id, risk.version);
      return risk;
    },
  );

  app.patch(
    '/risks/:id',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['board record'],
        summary: 'Change a risk’s wording, owner, mitigations or links, or close (archive) it',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateRiskBody,
        response: { 200: RiskDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const risk = board.updateRisk(actorOf(request), id, requireIfMatch(request, 'risk', id), request.body);
      setEtag(reply, 'risk', risk.id, risk.version);
      return risk;
    },
  );

  app.post(
    '/risks/:id/reviews',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['board record'],
        summary: 'Rescore a risk: a new review row; the score history is kept',
        params: IdParams,
        headers: IfMatchHeaders,
        body: RiskReviewBody,
        response: { 201: RiskDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const risk = board.reviewRisk(actorOf(request), id, requireIfMatch(request, 'risk', id), request.body);
      setEtag(reply, 'risk', risk.id, risk.version);
      return reply.code(201).send(risk);
    },
  );
};

export default boardRecordRoutes;
