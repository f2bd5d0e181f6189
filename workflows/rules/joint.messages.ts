import { messages } from './messages.ts';
import './workflow.messages.ts';

/**
 * The texts of the verdict the engine builds itself on a joint (family) move: a member whose own
 * workflow cannot take the command (rule `JOINT`, src/engine/commandSteps.ts). `JOINT` is not a
 * rule of the catalogue, so its keys are bare and its verdicts carry them as `JOINT.<key>`.
 */
export const say = messages({
  member_cannot_move: {
    en: '“{type:term}” ({type}) means nothing for member {case} in state “{state:term}”',
    ar: 'لا معنى للأمر «{type:term}» بالنسبة إلى الفرد {case} من الأسرة وهو في الحالة «{state:term}»',
  },
  allow_member_moved: {
    en: 'member {case} brought first to a state where “{type:term}” applies, or left out of the joint move',
    ar: 'نقل الفرد {case} أولاً إلى حالة ينطبق فيها الأمر «{type:term}»، أو استبعاده من النقل المشترك',
  },
});
