import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useMemo } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { appCodeOf } from '../../errors.ts'
import { trpc } from '../../trpc.ts'
import { MissingScopeNotice } from '../missing-scope-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { draftFromDefinition, emptyDraft } from './custom-integration-draft.ts'
import { CustomIntegrationForm } from './custom-integration-form.tsx'

/** What the detail page says after a save (read from the navigation state). */
export interface IntegrationNotice {
  notice: string
}

const description = (
  <>
    Your own OAuth 2.0 server or API-key service, described with the same schema as the built-in catalog. Only
    your organization sees it.
  </>
)

/** /app/integrations/new */
export function NewCustomIntegrationPage() {
  useDocumentTitle('New custom integration')
  const { can } = useSession()
  const back = (
    <Link to="/app/integrations" className="back-link">
      ← All integrations
    </Link>
  )
  return (
    <div className="page page-narrow">
      {back}
      <PageHeader title="New custom integration" description={description} />
      {can('integrations:write') ? (
        <NewCustomIntegration />
      ) : (
        <MissingScopeNotice what="custom integrations" scope="integrations:write" />
      )}
    </div>
  )
}

function NewCustomIntegration() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const integrations = useQuery(trpc.integrations.list.queryOptions())
  const taken = useMemo(() => new Set(integrations.data?.map((i) => i.name) ?? []), [integrations.data])
  const initial = useMemo(emptyDraft, [])
  const create = useMutation({
    ...trpc.integrations.create.mutationOptions(),
    onSuccess: async (created) => {
      queryClient.setQueryData(trpc.integrations.get.queryKey({ id: created.name }), created)
      await queryClient.invalidateQueries(trpc.integrations.list.pathFilter())
      const state: IntegrationNotice = { notice: `${created.displayName} was created.` }
      navigate(`/app/integrations/${encodeURIComponent(created.name)}`, { state })
    },
  })
  return (
    <CustomIntegrationForm
      mode="create"
      initial={initial}
      takenNames={taken}
      saving={create.isPending}
      saveError={create.error}
      onEdit={() => {
        if (create.isError) create.reset()
      }}
      onSubmit={(input) => create.mutate(input)}
      cancelTo="/app/integrations"
    />
  )
}

/** /app/integrations/:name/edit */
export function EditCustomIntegrationPage() {
  const { name = '' } = useParams()
  const { can } = useSession()
  const integration = useQuery(trpc.integrations.get.queryOptions({ id: name }))
  useDocumentTitle(integration.data ? `Edit ${integration.data.displayName}` : 'Edit integration')
  const detailPath = `/app/integrations/${encodeURIComponent(name)}`
  const back = (
    <Link to={detailPath} className="back-link">
      ← Back to the integration
    </Link>
  )
  const title = integration.data ? `Edit ${integration.data.displayName}` : 'Edit integration'
  const draft = useMemo(
    () => (integration.data ? draftFromDefinition(integration.data.definition) : null),
    [integration.data],
  )

  let body: ReactNode
  if (!can('integrations:write'))
    body = <MissingScopeNotice what="custom integrations" scope="integrations:write" />
  else if (integration.isPending) body = <LoadingState label="Loading the integration…" />
  else if (integration.isError) {
    const code = appCodeOf(integration.error)
    body =
      code === 'INTEGRATION_NOT_FOUND' || code === 'NOT_FOUND' ? (
        <EmptyState title="This integration does not exist">
          Check the address, or pick one from the <Link to="/app/integrations">catalog</Link>.
        </EmptyState>
      ) : (
        <ErrorState
          title="The integration could not be loaded"
          error={integration.error}
          onRetry={() => void integration.refetch()}
        />
      )
  } else if (!integration.data.custom) {
    body = (
      <EmptyState title="Catalog integrations cannot be edited">
        {integration.data.displayName} is part of Switchboard’s catalog. To change how it works for your
        organization, create a custom integration with another name.
      </EmptyState>
    )
  } else if (!draft) {
    body = (
      <EmptyState title="This integration cannot be edited here">
        Its stored definition does not match the current schema. Delete it and create it again.
      </EmptyState>
    )
  } else {
    body = (
      <EditCustomIntegration id={integration.data.id} name={name} initial={draft} detailPath={detailPath} />
    )
  }

  return (
    <div className="page page-narrow">
      {back}
      <PageHeader title={title} description={description} />
      {body}
    </div>
  )
}

function EditCustomIntegration({
  id,
  name,
  initial,
  detailPath,
}: {
  id: string
  name: string
  initial: NonNullable<ReturnType<typeof draftFromDefinition>>
  detailPath: string
}) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const integrations = useQuery(trpc.integrations.list.queryOptions())
  // Its own name is not "taken" (it cannot change anyway).
  const taken = useMemo(
    () => new Set(integrations.data?.map((i) => i.name).filter((n) => n !== name) ?? []),
    [integrations.data, name],
  )
  const update = useMutation({
    ...trpc.integrations.update.mutationOptions(),
    onSuccess: async (saved) => {
      queryClient.setQueryData(trpc.integrations.get.queryKey({ id: name }), saved)
      await queryClient.invalidateQueries(trpc.integrations.list.pathFilter())
      const state: IntegrationNotice = { notice: 'Your changes were saved.' }
      navigate(detailPath, { state })
    },
  })
  return (
    <CustomIntegrationForm
      mode="edit"
      initial={initial}
      takenNames={taken}
      saving={update.isPending}
      saveError={update.error}
      onEdit={() => {
        if (update.isError) update.reset()
      }}
      onSubmit={(definition) => update.mutate({ id, definition: definition as Record<string, unknown> })}
      cancelTo={detailPath}
    />
  )
}
