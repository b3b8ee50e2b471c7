; Early-stopping uniform consensus, crash faults: every correct process decides by round min(faults+2, F+1); n = 5, F = 3, R = F+1.
(set-info :processes 5)
(set-info :faulty 3)
(set-info :rounds 4)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 4)
(set-info :messages 2)
(set-info :round-aware true)
(set-info :early-decision true)
(set-info :expect realizable)

; Every process that decides agrees, crashed ones included.
(define-fun uniform-agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
; If every process starts with v, every process that decides decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
; Every correct process decides (with early decision the spec says so itself).
(define-fun termination () Bool
  (forall ((i Proc)) (=> (correct i) (decided i))))
; Decide by round min(faults+2, F+1).
(define-fun early () Bool
  (forall ((i Proc)) (=> (correct i) (<= (decision-round i) (ite (< (+ faults 2) 4) (+ faults 2) 4)))))

(assert uniform-agreement)
(assert validity)
(assert termination)
(assert early)
