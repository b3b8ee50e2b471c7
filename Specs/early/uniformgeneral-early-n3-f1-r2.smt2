; Uniform consensus under general omission with early decision; n = 3, F = 1, R = 2. Without
; early decision every process decides at round R, so a faulty process cut off both ways must
; decide on its own, and no protocol exists (Specs/faults/uniformgeneral-*). Here a process may
; stay undecided; only correct processes must decide.
(set-info :processes 3)
(set-info :faulty 1)
(set-info :faults general-omission)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 4)
(set-info :messages 2)
(set-info :round-aware true)
(set-info :early-decision true)
(set-info :expect realizable)

; Every process that decides agrees, faulty ones included.
(define-fun uniform-agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
; If every process starts with v, every process that decides decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
; Every correct process decides.
(define-fun termination () Bool
  (forall ((i Proc)) (=> (correct i) (decided i))))

(assert uniform-agreement)
(assert validity)
(assert termination)
