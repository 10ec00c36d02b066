import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from './support/test'
import { careAreaOfTown } from '../../server/src/areas/persons'
import { FIRST_DECISION_COLUMNS } from '../../server/src/areas/certification/first-decision/layout'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { SURVEY_ITEMS } from '../../shared/certification'
import { ageOn, todayInJapan } from '../../shared/domain'
import { signIn, signOut } from './support/login'

const today = todayInJapan(new Date())

// The applicant: a 第1号 resident of 大久保 (sodan01's area), not protected, 68–70 (the intake spec takes 65–67).
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const okubo = new Set(ward.households.filter((h) => careAreaOfTown(h.town) === 'okubo').map((h) => h.householdId))
const person = ward.persons
  .filter(
    (p) =>
      okubo.has(p.householdId) &&
      p.insuredCategory === 1 &&
      !p.isProtected &&
      p.insuredNumber !== null &&
      ageOn(p.birthDate, today) >= 68 &&
      ageOn(p.birthDate, today) <= 70,
  )
  .at(-1)!

const key = () => crypto.randomUUID()

/** A channel of the loopback bridge as the renderer calls it (the launch token from sessionStorage). */
async function ipc<T>(page: Page, channel: string, body: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ channel, body }) => {
      const r = await fetch(`/__bridge/ipc/${channel}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await r.json()) as { ok: boolean; value?: unknown; message?: string }
    },
    { channel, body },
  )
  if (!res.ok) throw new Error(`${channel}: ${res.message}`)
  return res.value as T
}

async function printedJobs(page: Page): Promise<{ title: string; pdfBase64: string | null }[]> {
  return (
    await page.evaluate(async () => {
      const r = await fetch('/__bridge/test/printed', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
        },
        body: '{}',
      })
      return (await r.json()) as { jobs: { title: string; pdfBase64: string | null }[] }
    })
  ).jobs
}

function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-e2e-nintei-')), 'doc.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/** The 一次判定 file of docs/interfaces/first-decision.md for the applicant: 要介護2, 基準時間 58.3 分 (9 parts summed). */
function firstDecisionCsv(): string {
  const v: Record<string, string> = {
    hihokensha_no: person.insuredNumber!,
    shinsei_date: today.replaceAll('-', ''),
    hantei_date: today.replaceAll('-', ''),
    soft_version: '09B',
    kari_kubun: '0',
    ichiji_kekka: '22',
    kijun_jikan: '583',
    jikan_shokuji: '100',
    jikan_haisetsu: '120',
    jikan_ido: '80',
    jikan_seiketsu: '60',
    jikan_kansetsu: '50',
    jikan_bpsd: '40',
    jikan_kinou: '33',
    jikan_iryo: '50',
    jikan_ninchisho: '50',
    gun1: '785',
    gun2: '902',
    gun3: '1000',
    gun4: '884',
    gun5: '650',
    anteisei: '',
    ninchi_gaizensei: '',
    keikoku_code: '0'.repeat(57),
  }
  const header = FIRST_DECISION_COLUMNS.map((c) => c[0]).join(',')
  return `${header}\r\n${FIRST_DECISION_COLUMNS.map((c) => v[c[0]]).join(',')}\r\n`
}

async function typeDate(page: Page, testId: string, iso: string) {
  const [y, m, d] = iso.split('-')
  await page.getByTestId(`${testId}-era`).fill('W')
  await page.getByTestId(`${testId}-year`).fill(y!)
  await page.getByTestId(`${testId}-month`).fill(String(Number(m)))
  await page.getByTestId(`${testId}-day`).fill(String(Number(d)))
}

type ClockRow = { caseId: number; personId: number; personName: string; appliedOn: string; stage: string }

test('認定 journey: filed by a 相談センター, survey and opinion, 一次判定 import, the board decides, notice and card printed', async ({
  page,
}) => {
  // 相談センター職員 (大久保) files the application for a resident of its area.
  await signIn(page, 'sodan01')
  await page.keyboard.press('F2')
  await page.getByTestId('search-kana').fill(person.familyNameKana + person.givenNameKana)
  await page.getByTestId('search-kana').press('Enter')
  await page.getByTestId('search-result-row').first().click()
  await page.getByTestId('certification-open-apply').click()
  await typeDate(page, 'certification-applied-on', today)
  await page.getByTestId('certification-apply').click()
  await expect(page.getByTestId('certification-case').first().getByTestId('certification-case-stage')).toHaveText(
    '申請受付',
  )
  await signOut(page)

  // 認定担当: the survey and the opinion (their screens have the intake spec; here through the same channels).
  await signIn(page, 'nintei01')
  const clock = await ipc<{ rows: ClockRow[] }>(page, 'certification.clockBoard', { months: 12 })
  const mine = clock.rows.find(
    (r) => r.personName.includes(person.familyName) && r.appliedOn === today && r.stage === 'applied',
  )!
  const caseId = mine.caseId
  await ipc(page, 'certification.assignSurvey', {
    caseId,
    mode: 'direct',
    surveyorName: '調査 一郎',
    assignedOn: today,
    idempotencyKey: key(),
  })
  const items = Object.fromEntries(SURVEY_ITEMS.map((i) => [i.code, i.multiple ? [1] : 1]))
  await ipc(page, 'certification.submitSurvey', {
    caseId,
    survey: {
      performedOn: today,
      place: '自宅内',
      items,
      specialMedicalCare: [],
      physicalIndependence: '自立',
      dementiaIndependence: '自立',
      specialNotes: [],
    },
    receivedOn: today,
    place: 'home',
    idempotencyKey: key(),
  })
  await ipc(page, 'certification.requestOpinion', {
    caseId,
    clinicName: '検証クリニック',
    doctorName: '検証 医師',
    requestedOn: today,
    idempotencyKey: key(),
  })
  await ipc(page, 'certification.receiveOpinion', {
    caseId,
    opinion: {
      channel: 'kiban',
      receivedOn: today,
      writtenOn: today,
      times: '初回',
      homeOrFacility: '在宅',
      diagnoses: [{ name: '検証病' }],
      stability: '安定',
      specialMedicalCare: [],
      physicalIndependence: 'J1',
      firstDecisionItems: {
        shortTermMemory: '問題なし',
        cognitiveAbility: '自立',
        communication: '伝えられる',
        eating: '自立ないし何とか自分で食べられる',
        dementiaIndependence: '自立',
      },
    },
    idempotencyKey: key(),
  })
  /** The clock board (opened afresh, so it reloads) shows the case at the stage. */
  const stageOnBoard = async (label: string) => {
    const open = page.getByTestId('open-certification-clock')
    for (let i = 0; i < 3 && !(await open.isVisible()); i++) await page.keyboard.press('Escape')
    await open.click()
    await expect(
      page
        .getByTestId('clock-row')
        .filter({ hasText: `#${caseId} ` })
        .getByTestId('clock-row-stage'),
    ).toHaveText(label)
  }
  await stageOnBoard('意見書受領')

  // A panel of 3 (少人数) with a meeting today, then the secretariat screen: import, assign, attend, decide.
  const panelName = `E2E第${caseId}合議体`
  const panel = await ipc<{ id: number }>(page, 'certification.createPanel', {
    panelName,
    reducedAllowed: true,
    idempotencyKey: key(),
  })
  for (const [i, memberName] of ['検証 甲', '検証 乙', '検証 丙'].entries())
    await ipc(page, 'certification.addBoardMember', {
      panelId: panel.id,
      memberName,
      profession: i === 0 ? '医師' : '社会福祉士',
      chair: i === 0,
      termFrom: today,
      idempotencyKey: key(),
    })
  await ipc(page, 'certification.createMeeting', {
    panelId: panel.id,
    heldOn: today,
    venue: '本庁舎',
    capacity: 80,
    idempotencyKey: key(),
  })
  await page.getByTestId('open-certification-board').click()
  await page.getByTestId('tab-first-decision').click()
  await page
    .getByTestId('first-decision-file')
    .setInputFiles({ name: 'ICHIJI.csv', mimeType: 'text/csv', buffer: Buffer.from(firstDecisionCsv()) })
  await page.getByTestId('first-decision-submit').click()
  await expect(page.getByTestId('first-decision-result')).toContainText('取り込みました')
  await page.getByTestId('tab-meetings').click()
  await page.getByTestId('auto-assign').click()
  await expect(page.getByTestId('board-message')).toContainText('自動割付')
  await page.getByTestId('meeting-row').filter({ hasText: panelName }).click()
  for (const name of ['検証 甲', '検証 乙', '検証 丙']) await page.getByLabel(name).check()
  await page.getByTestId('attendance-save').click()
  await expect(page.getByTestId('quorum')).toHaveText('定足数 2人: 成立')
  await page.getByTestId('meeting-case').last().click()
  await page.getByTestId('decision-months').fill('12')
  await page.getByTestId('decision-opinion').fill('認知症の進行に注意')
  await page.getByTestId('decision-submit').click()
  await expect(page.getByTestId('board-message')).toContainText('要介護2')
  await stageOnBoard('二次判定（認定）')
  await page.getByTestId('open-certification-board').click()

  // The 認定結果通知書, printed by main to the verification printer, read with pdftotext.
  await printedJobs(page) // start from an empty printer log
  await page.getByTestId('tab-notices').click()
  await page.getByTestId('notice-case').fill(String(caseId))
  await page.getByTestId('notice-print').click()
  await expect(page.getByTestId('board-message')).toContainText('認定結果通知書')
  const [job] = await printedJobs(page)
  const notice = pdfText(job!.pdfBase64!)
  for (const expected of ['認定結果通知書', '要介護2', '認知症の進行に注意', '3か月以内'])
    expect(notice).toContain(expected)
  // Notified: the case leaves the board of open cases.
  expect((await ipc<{ stage: string }>(page, 'certification.case', { caseId })).stage).toBe('notified')
  await signOut(page)

  // The updated 被保険者証 (資格担当) carries the level, the validity and the 区分支給限度基準額 of 要介護2.
  await signIn(page, 'shikaku01')
  const card = await ipc<{ pdfBase64: string }>(page, 'eligibility.issueInsuranceCard', {
    personId: mine.personId,
    reissueReason: '認定結果の記載',
    idempotencyKey: key(),
  })
  const cardText = pdfText(card.pdfBase64)
  for (const expected of ['要介護2', '1月当たり 19,705単位', '認知症の進行に注意']) expect(cardText).toContain(expected)
})

/**
 * The 審査会事務局 screen through the real stack (Chromium, loopback bridge, server): a 認定担当 registers a 合議体 and a
 * member, a meeting, runs the automatic assignment and opens the meeting; the 通知 tab lists the 延期通知 drafts.
 */
test('認定: the 審査会事務局 registers a panel, a member and a meeting, and assigns automatically', async ({
  page,
}) => {
  await signIn(page, 'nintei01')
  await page.getByTestId('open-certification-board').click()
  await expect(page.getByTestId('board-screen')).toBeVisible()

  await page.getByTestId('tab-panels').click()
  const name = `E2E合議体${Date.now() % 100_000}`
  await page.getByTestId('panel-name').fill(name)
  await page.getByTestId('panel-create').click()
  await expect(page.getByTestId('board-message')).toContainText(`${name}を登録しました`)
  await page.getByTestId('member-panel').locator('..').click()
  await page.getByRole('option', { name }).click()
  await page.getByTestId('member-name').fill('検証 委員')
  await page.getByTestId('member-profession').fill('医師')
  await typeDate(page, 'member-term-from', today)
  await page.getByTestId('member-add').click()
  await expect(page.getByTestId('board-message')).toContainText('委員 検証 委員 を登録しました')
  await expect(page.getByTestId('panel').filter({ hasText: name })).toContainText('合議体の委員は5人以上にしてください')

  await page.getByTestId('tab-meetings').click()
  await page.getByTestId('meeting-panel').locator('..').click()
  await page.getByRole('option', { name }).click()
  await typeDate(page, 'meeting-held-on', today)
  await page.getByTestId('meeting-create').click()
  await expect(page.getByTestId('board-message')).toContainText('を登録しました')
  await page.getByTestId('auto-assign').click()
  await expect(page.getByTestId('board-message')).toContainText('自動割付')
  await page.getByTestId('meeting-row').filter({ hasText: name }).first().click()
  await expect(page.getByTestId('meeting-detail')).toContainText(name)
  await expect(page.getByTestId('quorum')).toContainText('定足数 1人')

  await page.getByTestId('tab-notices').click()
  await expect(page.getByTestId('delay-drafts')).toBeVisible()
})
