; Leader election that elects a correct process: 3 processes, at most 1 crash, 2 rounds.
; Impossible in this model for every number of states and rounds: the adversary can crash the
; would-be leader in the last round with all its messages delivered, which nobody can tell from
; a run where it is correct. ggms proves it for the bounded setting below.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(set-info :inputs 1)
(set-info :decisions 3)   ; a decision is a process index
(set-info :states 3)
(set-info :round-aware true)
(set-info :identities true)
(set-info :expect unrealizable)

; Correct processes elect the same leader.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; The leader is a correct process.
(define-fun leader-correct () Bool
  (forall ((i Proc))
    (=> (correct i) (exists ((j Proc)) (and (= (index j) (decision i)) (correct j))))))

(assert agreement)
(assert leader-correct)
