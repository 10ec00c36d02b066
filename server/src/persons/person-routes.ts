import { and, asc, count, eq, like, ne, type SQL } from 'drizzle-orm'
import { normalizeKana, normalizeKanjiName } from '../../../shared/text/kana'
import { households, persons } from '../db/schema'
import { problems } from '../http/problem'
import { defineRoute } from '../http/route'

/** LIKE prefix pattern with the wildcard characters of the input escaped. */
const prefix = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'

/** マイナンバー is never sent in full by default (control C-28); revealing is a separate, audited step-up action. */
export const maskIndividualNumber = (digits: string) => digits.replace(/\d/g, '*').replace(/(.{4})(?=.)/g, '$1 ')

export function personRoutes() {
  return [
    defineRoute({
      name: 'person.search',
      access: { kind: 'permission', permission: 'person.search' },
      personalData: { auditAction: 'person.search' },
      async handle({ input, db, permissions, audit }) {
        const where: SQL[] = []
        if (input.kana) where.push(like(persons.kanaKey, prefix(normalizeKana(input.kana))))
        if (input.name) where.push(like(persons.nameKey, prefix(normalizeKanjiName(input.name))))
        if (input.birthDate) where.push(eq(persons.birthDate, input.birthDate))
        if (input.insuredNumber) where.push(eq(persons.insuredNumber, input.insuredNumber))
        const condition = and(...where)
        const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(persons).where(condition)
        const rows = await db
          .select({ person: persons, household: households })
          .from(persons)
          .innerJoin(households, eq(households.id, persons.householdId))
          .where(condition)
          .orderBy(asc(persons.kanaKey), asc(persons.birthDate), asc(persons.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize)
        audit.targets(rows.map((r) => r.person.id))
        const mayRevealProtected = permissions.has('person.revealProtectedAddress')
        return {
          total: Number(total),
          page: input.page,
          pageSize: input.pageSize,
          items: rows.map(({ person: p, household: h }) => ({
            id: p.id,
            insuredNumber: p.insuredNumber,
            name: `${p.familyName} ${p.givenName}`,
            nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
            birthDate: p.birthDate,
            sex: p.sex,
            address: p.isProtected && !mayRevealProtected ? null : h.address,
            isProtected: p.isProtected,
          })),
        }
      },
    }),
    defineRoute({
      name: 'person.summary',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: { auditAction: 'person.summary' },
      async handle({ input, db, permissions, audit }) {
        const row = (
          await db
            .select({ person: persons, household: households })
            .from(persons)
            .innerJoin(households, eq(households.id, persons.householdId))
            .where(eq(persons.id, input.personId))
            .limit(1)
        )[0]
        if (!row) throw problems.notFound()
        const { person: p, household: h } = row
        const members = await db
          .select({
            id: persons.id,
            familyName: persons.familyName,
            givenName: persons.givenName,
            relationship: persons.relationship,
            birthDate: persons.birthDate,
          })
          .from(persons)
          .where(and(eq(persons.householdId, p.householdId), ne(persons.id, p.id)))
          .orderBy(asc(persons.birthDate))
        audit.targets([p.id, ...members.map((m) => m.id)])
        const hideAddress = p.isProtected && !permissions.has('person.revealProtectedAddress')
        return {
          id: p.id,
          residentCode: p.residentCode,
          insuredNumber: p.insuredNumber,
          insuredCategory: p.insuredCategory === 1 || p.insuredCategory === 2 ? p.insuredCategory : null,
          acquiredOn: p.acquiredOn,
          name: `${p.familyName} ${p.givenName}`,
          nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
          birthDate: p.birthDate,
          sex: p.sex,
          postalCode: hideAddress ? null : h.postalCode,
          address: hideAddress ? null : h.address,
          phone: hideAddress ? null : p.phone,
          isProtected: p.isProtected,
          individualNumberMasked: maskIndividualNumber(p.individualNumber),
          householdCode: h.householdCode,
          householdMembers: members.map((m) => ({
            id: m.id,
            name: `${m.familyName} ${m.givenName}`,
            relationship: m.relationship,
            birthDate: m.birthDate,
          })),
        }
      },
    }),
  ]
}
