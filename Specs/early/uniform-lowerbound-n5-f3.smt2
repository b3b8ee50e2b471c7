; Uniform consensus deciding by round faults+1 whenever faults <= F-2 (and by F+1 otherwise); n = 5, F = 3, R = F+1. The lower bound min(faults+2, F+1) says no protocol does this.
(set-info :processes 5)
(set-info :faulty 3)
(set-info :rounds 4)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 4)
(set-info :messages 2)
(set-info :round-aware true)
(set-info :early-decision true)
(set-info :expect unrealizable)

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
; Decide by round faults+1 when faults <= F-2, else by F+1.
(define-fun early () Bool
  (forall ((i Proc)) (=> (correct i) (<= (decision-round i) (ite (<= faults 1) (+ faults 1) 4)))))

(assert uniform-agreement)
(assert validity)
(assert termination)
(assert early)
