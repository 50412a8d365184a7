import { useQuery } from '@tanstack/react-query';
import { type BodyOf, call, client, type ResponseOf } from '../../lib/api';

/** Query keys of the evaluation registers, per municipality. */
export const evaluationKeys = {
  all: ['evaluation'] as const,
  agreements: (municipalityId: string) => [...evaluationKeys.all, 'agreements', municipalityId] as const,
  bottlenecks: (municipalityId: string) => [...evaluationKeys.all, 'bottlenecks', municipalityId] as const,
  quickscans: (municipalityId: string) => [...evaluationKeys.all, 'quickscans', municipalityId] as const,
  quickscan: (id: string) => [...evaluationKeys.all, 'quickscan', id] as const,
  demand: (municipalityId: string) => [...evaluationKeys.all, 'demand', municipalityId] as const,
  surveys: (municipalityId: string) => [...evaluationKeys.all, 'surveys', municipalityId] as const,
  survey: (id: string) => [...evaluationKeys.all, 'survey', id] as const,
  surveyForm: (token: string) => [...evaluationKeys.all, 'survey-form', token] as const,
};

export type Agreement = ResponseOf<'/api/v1/agreements', 'get'>['items'][number];
export type Bottleneck = ResponseOf<'/api/v1/bottlenecks', 'get'>['items'][number];
export type Quickscan = ResponseOf<'/api/v1/quickscans/{id}', 'get'>;
export type Demand = ResponseOf<'/api/v1/demand', 'get'>;
export type Survey = ResponseOf<'/api/v1/surveys/{id}', 'get'>;
export type SurveyTemplate = ResponseOf<'/api/v1/surveys/template', 'get'>;
export type SurveyForm = ResponseOf<'/api/v1/public/surveys/{token}', 'get'>;
export type AgreementBody = BodyOf<'/api/v1/agreements', 'post'>;
export type BottleneckBody = BodyOf<'/api/v1/bottlenecks', 'post'>;
export type QuickscanBody = BodyOf<'/api/v1/quickscans', 'post'>;
export type SurveyBody = BodyOf<'/api/v1/surveys', 'post'>;
export type SurveyAnswerBody = BodyOf<'/api/v1/public/surveys/{token}', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });
const inMunicipality = (municipalityId: string) => ({ params: { query: { municipalityId } } });

export const useAgreements = (municipalityId: string) =>
  useQuery({
    queryKey: evaluationKeys.agreements(municipalityId),
    queryFn: () => call(client.GET('/api/v1/agreements', inMunicipality(municipalityId))),
    enabled: Boolean(municipalityId),
  });
export const useBottlenecks = (municipalityId: string) =>
  useQuery({
    queryKey: evaluationKeys.bottlenecks(municipalityId),
    queryFn: () => call(client.GET('/api/v1/bottlenecks', inMunicipality(municipalityId))),
    enabled: Boolean(municipalityId),
  });
export const useQuickscans = (municipalityId: string) =>
  useQuery({
    queryKey: evaluationKeys.quickscans(municipalityId),
    queryFn: () => call(client.GET('/api/v1/quickscans', inMunicipality(municipalityId))),
    enabled: Boolean(municipalityId),
  });
export const useQuickscan = (id: string | undefined) =>
  useQuery({ queryKey: evaluationKeys.quickscan(id ?? ''), queryFn: () => call(client.GET('/api/v1/quickscans/{id}', path(id ?? ''))), enabled: Boolean(id) });
export const useDemand = (municipalityId: string) =>
  useQuery({
    queryKey: evaluationKeys.demand(municipalityId),
    queryFn: () => call(client.GET('/api/v1/demand', inMunicipality(municipalityId))),
    enabled: Boolean(municipalityId),
  });
export const useSurveys = (municipalityId: string) =>
  useQuery({
    queryKey: evaluationKeys.surveys(municipalityId),
    queryFn: () => call(client.GET('/api/v1/surveys', inMunicipality(municipalityId))),
    enabled: Boolean(municipalityId),
  });
export const useSurvey = (id: string) => useQuery({ queryKey: evaluationKeys.survey(id), queryFn: () => call(client.GET('/api/v1/surveys/{id}', path(id))) });
export const useSurveyForm = (token: string) =>
  useQuery({ queryKey: evaluationKeys.surveyForm(token), queryFn: () => call(client.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } })) });

/** The writes of the evaluation registers, typed by their routes. */
export const evaluationApi = {
  createAgreement: (body: AgreementBody) => call(client.POST('/api/v1/agreements', { body })),
  updateAgreement: (id: string, body: BodyOf<'/api/v1/agreements/{id}', 'put'>) => call(client.PUT('/api/v1/agreements/{id}', { ...path(id), body })),
  deleteAgreement: (id: string, version: number) => call(client.DELETE('/api/v1/agreements/{id}', { params: { path: { id }, query: { version } } })),
  createBottleneck: (body: BottleneckBody) => call(client.POST('/api/v1/bottlenecks', { body })),
  updateBottleneck: (id: string, body: BodyOf<'/api/v1/bottlenecks/{id}', 'put'>) => call(client.PUT('/api/v1/bottlenecks/{id}', { ...path(id), body })),
  deleteBottleneck: (id: string, version: number) => call(client.DELETE('/api/v1/bottlenecks/{id}', { params: { path: { id }, query: { version } } })),
  createQuickscan: (body: QuickscanBody) => call(client.POST('/api/v1/quickscans', { body })),
  savePopulation: (body: BodyOf<'/api/v1/demand/population', 'put'>) => call(client.PUT('/api/v1/demand/population', { body })),
  surveyTemplate: () => call(client.GET('/api/v1/surveys/template')),
  createSurvey: (body: SurveyBody) => call(client.POST('/api/v1/surveys', { body })),
  openRound: (id: string, body: BodyOf<'/api/v1/surveys/{id}/rounds', 'post'>) => call(client.POST('/api/v1/surveys/{id}/rounds', { ...path(id), body })),
  closeRound: (id: string, roundId: string) => call(client.POST('/api/v1/surveys/{id}/rounds/{roundId}/close', { params: { path: { id, roundId } } })),
  answerSurvey: (token: string, body: BodyOf<'/api/v1/public/surveys/{token}', 'post'>) =>
    call(client.POST('/api/v1/public/surveys/{token}', { params: { path: { token } }, body })),
};
