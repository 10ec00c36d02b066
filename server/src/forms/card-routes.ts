import { count, eq } from 'drizzle-orm'
import { SHINJUKU_INSURER_NUMBER } from '../../../shared/domain'
import { historyAsKnownOn, statusOn } from '../../../shared/eligibility/history'
import { households, persons } from '../db/schema'
import { todayInJapan } from '../eligibility/engine'
import { loadEvents } from '../eligibility/history-store'
import { HttpProblem, problems } from '../http/problem'
import { defineRoute } from '../http/route'
import { renderInsuranceCard } from './insurance-card'
import { cardIssuances } from './schema'

/**
 * 被保険者証の交付・再交付: only to a person insured today; the first is a 交付, every later one a 再交付 with its
 * reason and running count. Each issuance is a ledger row and the request's audit row (purpose: kind and reason).
 * A protected person's address is not printed (the card is handed over at the counter).
 */
export function cardRoutes(insurerName: string) {
  return [
    defineRoute({
      name: 'eligibility.issueInsuranceCard',
      access: { kind: 'permission', permission: 'eligibility.issueCard' },
      personalData: true,
      audit: { action: 'eligibility.issueInsuranceCard' },
      effect: 'create',
      async handle({ input, db, user, audit }) {
        const [row] = await db
          .select({ person: persons, household: households })
          .from(persons)
          .innerJoin(households, eq(households.id, persons.householdId))
          .where(eq(persons.id, input.personId))
        if (!row) throw problems.notFound()
        audit.targets([row.person.id])
        const today = todayInJapan()
        const { events } = historyAsKnownOn(await loadEvents(db, row.person.id), today)
        const status = statusOn(events, today)
        if (!status.insured || !status.category || !row.person.insuredNumber)
          throw new HttpProblem(409, 'conflict', '被保険者ではないため被保険者証を交付できません')
        const [{ n } = { n: 0 }] = await db
          .select({ n: count() })
          .from(cardIssuances)
          .where(eq(cardIssuances.personId, row.person.id))
        const previous = Number(n)
        if (previous > 0 && !input.reissueReason)
          throw new HttpProblem(400, 'invalidRequest', '再交付の理由を入力してください')
        const kind = previous === 0 ? 'issue' : 'reissue'
        const card = {
          insuredNumber: row.person.insuredNumber,
          name: `${row.person.familyName}\u3000${row.person.givenName}`,
          nameKana: `${row.person.familyNameKana}\u3000${row.person.givenNameKana}`,
          birthDate: row.person.birthDate,
          sex: row.person.sex,
          address: row.person.isProtected ? null : row.household.address,
          category: status.category,
          acquiredOn: row.person.acquiredOn,
          insurerNumber: SHINJUKU_INSURER_NUMBER,
          insurerName,
        }
        const pdf = await renderInsuranceCard(
          {
            ...card,
            issuedOn: today,
            ...(kind === 'reissue' ? { reissue: { count: previous, reason: input.reissueReason! } } : {}),
          },
          input.layout,
        )
        await db.insert(cardIssuances).values({
          personId: row.person.id,
          insuredNumber: card.insuredNumber,
          kind,
          count: kind === 'issue' ? 1 : previous,
          reason: input.reissueReason ?? null,
          layout: input.layout,
          issuedOn: today,
          issuedBy: user?.id ?? null,
        })
        audit.purpose(
          kind === 'issue' ? '被保険者証 交付' : `被保険者証 再交付（${previous}回目）${input.reissueReason}`,
        )
        return {
          kind,
          count: kind === 'issue' ? 1 : previous,
          issuedOn: today,
          fileName: `hihokenshasho_${card.insuredNumber}_${today}.pdf`,
          pdfBase64: Buffer.from(pdf).toString('base64'),
          card,
        }
      },
    }),
  ]
}
