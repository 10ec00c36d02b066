import { and, asc, count, desc, eq, like, ne, sql, type SQL } from 'drizzle-orm'
import { addressSearchFragment, phoneDigits } from '../../../../shared/text/address'
import { addressBigramCondition } from './address-index'
import { looseKanaKey, normalizeKana, normalizeKanjiName, PLAIN_KANA, VOICED_KANA } from '../../../../shared/text/kana'
import type { Scope } from '../../core/access/roles'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { loadPerson } from './person-record'
import { households, persons } from './schema'
import {
  addressProtectedCondition,
  addressProtectedIds,
  isAddressProtectedIn,
  mayListProtectedMembers,
  protectedResidents,
} from './support-measure'
import { defineRoute } from '../../core/http/route'

/** LIKE prefix pattern with the wildcard characters of the input escaped. */
const prefix = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'
/** LIKE infix pattern, escaped the same way. */
const infix = (text: string) => '%' + prefix(text)

/**
 * The voiced-mark-tolerant カナ key in SQL: exactly the expression of persons_kana_loose_idx (hand-written SQL
 * of the migration journal), with the constants inlined so the planner can use that index.
 */
const looseKanaKeySql = sql`translate(${persons.kanaKey}, ${sql.raw(`'${VOICED_KANA}'`)}, ${sql.raw(`'${PLAIN_KANA}'`)})`

/** The reversed digits of the phone number: exactly the expression of persons_phone_suffix_idx (eligibility stream). */
const phoneSuffixKeySql = sql`reverse(regexp_replace(coalesce(${persons.phone}, ''), '[^0-9]', '', 'g'))`

/** マイナンバー is never sent in full by default (control C-28); revealing is a separate, audited step-up action. */
export const maskIndividualNumber = (digits: string) => digits.replace(/\d/g, '*').replace(/(.{4})(?=.)/g, '$1 ')

/**
 * The rows a permission lets the caller see: all persons, or — for a 相談センター職員 — only those whose
 * household lies in the user's own 日常生活圏域 (no area on the account: nobody; deny by default).
 */
function scopeCondition(scope: Scope | undefined, user: AuthenticatedUser | null): SQL | undefined {
  if (scope === 'all') return undefined
  if (scope === 'ownArea' && user?.careArea) return eq(households.careArea, user.careArea)
  return sql`false`
}

export function personRoutes() {
  return [
    defineRoute({
      name: 'person.search',
      access: { kind: 'permission', permission: 'person.search' },
      personalData: true,
      audit: { action: 'person.search' },
      effect: 'read',
      async handle({ input, db, permissions, user, audit }) {
        const where: (SQL | undefined)[] = [scopeCondition(permissions.get('person.search'), user)]
        const residents = await protectedResidents(db)
        const order: SQL[] = []
        if (input.kana) {
          // Voiced marks are tolerated (ヤマサキ finds ヤマザキ); exact spellings come first.
          where.push(sql`${looseKanaKeySql} like ${prefix(looseKanaKey(input.kana))}`)
          order.push(desc(like(persons.kanaKey, prefix(normalizeKana(input.kana)))))
        }
        if (input.name) where.push(like(persons.nameKey, prefix(normalizeKanjiName(input.name))))
        if (input.birthDate) where.push(eq(persons.birthDate, input.birthDate))
        if (input.insuredNumber) where.push(eq(persons.insuredNumber, input.insuredNumber))
        if (input.address) {
          const fragment = addressSearchFragment(input.address)
          // households_address_bigram_idx narrows the candidates (search stream); the LIKE is the exact check.
          where.push(addressBigramCondition(fragment) ?? undefined)
          where.push(sql`replace(${households.address}, chr(12288), '') like ${infix(fragment)}`)
        }
        // The number or its last digits (末尾一致), through persons_phone_suffix_idx on the reversed digits.
        if (input.phone)
          where.push(sql`${phoneSuffixKeySql} like ${prefix([...phoneDigits(input.phone)].reverse().join(''))}`)
        // A protected address and phone are masked, so nobody living there may be found by them either (支援措置,
        // C-28): not the protected person, nor a household member or a neighbour at the same address.
        if (input.address || input.phone) where.push(sql`not ${addressProtectedCondition(residents)}`)
        const condition = and(...where)
        const [{ total } = { total: 0 }] = await db
          .select({ total: count() })
          .from(persons)
          .innerJoin(households, eq(households.id, persons.householdId))
          .where(condition)
        const rows = await db
          .select({ person: persons, household: households })
          .from(persons)
          .innerJoin(households, eq(households.id, persons.householdId))
          .where(condition)
          .orderBy(...order, asc(persons.kanaKey), asc(persons.birthDate), asc(persons.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize)
        audit.targets(rows.map((r) => r.person.id))
        const masked = addressProtectedIds(rows, residents)
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
            // control C-28, 支援措置: a protected address is masked for everyone; person.revealAddress shows it.
            address: masked.has(p.id) ? null : h.address,
            isProtected: p.isProtected,
            addressProtected: masked.has(p.id),
          })),
        }
      },
    }),
    defineRoute({
      name: 'person.summary',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: true,
      audit: { action: 'person.summary' },
      effect: 'read',
      async handle({ input, db, permissions, user, audit }) {
        audit.targets([input.personId])
        const { person: p, household: h } = await loadPerson(db, input.personId, 'person.read', { permissions, user })
        const household = await db
          .select({
            id: persons.id,
            familyName: persons.familyName,
            givenName: persons.givenName,
            relationship: persons.relationship,
            birthDate: persons.birthDate,
            isProtected: persons.isProtected,
          })
          .from(persons)
          .where(and(eq(persons.householdId, p.householdId), ne(persons.id, p.id)))
          .orderBy(asc(persons.birthDate))
        // 支援措置: the protected members are listed only to those who may reveal a protected address.
        const listProtected = mayListProtectedMembers(permissions, user, h.careArea)
        const members = household.filter((m) => listProtected || !m.isProtected)
        audit.targets(members.map((m) => m.id))
        const hide = await isAddressProtectedIn(db, { person: p, household: h })
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
          postalCode: hide ? null : h.postalCode,
          address: hide ? null : h.address,
          phone: hide ? null : p.phone,
          isProtected: p.isProtected,
          addressProtected: hide,
          individualNumberMasked: maskIndividualNumber(p.individualNumber),
          householdCode: h.householdCode,
          householdMembers: members.map((m) => ({
            id: m.id,
            name: `${m.familyName} ${m.givenName}`,
            relationship: m.relationship,
            birthDate: m.birthDate,
          })),
          householdMembersWithheld: members.length < household.length,
        }
      },
    }),
    defineRoute({
      name: 'person.revealIndividualNumber',
      access: { kind: 'permission', permission: 'person.revealIndividualNumber' },
      personalData: true,
      audit: { action: 'person.revealIndividualNumber' },
      effect: 'read',
      stepUp: true,
      async handle({ input, db, permissions, user, audit }) {
        audit.targets([input.personId])
        audit.purpose(input.reason)
        const { person } = await loadPerson(db, input.personId, 'person.revealIndividualNumber', { permissions, user })
        return { personId: person.id, individualNumber: person.individualNumber }
      },
    }),
    defineRoute({
      name: 'person.revealAddress',
      access: { kind: 'permission', permission: 'person.revealProtectedAddress' },
      personalData: true,
      audit: { action: 'person.revealAddress' },
      effect: 'read',
      stepUp: true,
      async handle({ input, db, permissions, user, audit }) {
        audit.targets([input.personId])
        audit.purpose(input.reason)
        const { person, household } = await loadPerson(db, input.personId, 'person.revealProtectedAddress', {
          permissions,
          user,
        })
        return {
          personId: person.id,
          postalCode: household.postalCode,
          address: household.address,
          phone: person.phone,
        }
      },
    }),
  ]
}
