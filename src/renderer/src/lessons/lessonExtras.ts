import type { ComponentType } from 'react';
import type { LessonState, LessonStepState } from '../../../shared/lessons';

export interface LessonIntroProps {
  lesson: LessonState;
}

export interface LessonStepActionProps {
  lesson: LessonState;
  step: LessonStepState;
}

/**
 * What a lesson shows beyond the common page (title, intro, steps with their commands, checks and
 * screen links): one file a lesson in ./course, so its parts are found by its name.
 */
export interface LessonExtras {
  /** Shown under the intro (lesson 1's old way against Docker's, lesson 3's live versions…). */
  Intro?: ComponentType<LessonIntroProps>;
  /**
   * Per step id: the way to do the step in Berth (a button that pulls or runs, a paste box, a folder
   * picker…). A step without one offers its screen link only. The lesson page (LessonStep) shows it
   * under the step's body while the step is not done, for the current step and the later ones alike.
   */
  steps?: Partial<Record<string, ComponentType<LessonStepActionProps>>>;
}
